// Deploys the marketplace integration platform: the .NET isolated worker Function App on the Flex Consumption plan
// (or Elastic Premium), its storage account with identity-based access for the Functions host and Durable Functions
// (no keys in settings), Key Vault for marketplace secrets, and Application Insights. Deploy with:
//   az deployment group create -g <resource-group> -f infra-bicep/main.bicep -p namePrefix=<prefix>
// then publish out/app (dotnet publish functions/Marketplace.Functions.csproj -c Release -o out/app), then deploy
// again with -p subscribePhotoEvents=true: the photo blob trigger's Event Grid subscription needs the app's
// blobs_extension key, which exists once the app runs.

@description('Short prefix for resource names (3-11 lower-case letters or digits).')
@minLength(3)
@maxLength(11)
param namePrefix string

@description('Azure region; defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Hosting plan: FC1 (Flex Consumption) or EP1-EP3 (Elastic Premium).')
@allowed([ 'FC1', 'EP1', 'EP2', 'EP3' ])
param planSku string = 'FC1'

@description('NCRONTAB schedule (six fields, with seconds) of the hourly reconciliation.')
param reconciliationSchedule string = '0 0 * * * *'

@description('Durable Functions task hub: prefix of its queues and tables (host.json durableTask.hubName is %Sync:TaskHub%).')
param taskHubName string = 'marketplace'

@description('Blob container whose new photos trigger the photo pipeline.')
param photosContainer string = 'photos'

@description('Queue of accepted webhooks (the inbox the SaleWebhooks function consumes).')
param webhooksQueue string = 'webhooks-incoming'

@description('Subscribe the photos container\'s BlobCreated events to the PhotoArrived function (after the first publish).')
param subscribePhotoEvents bool = false

var suffix = uniqueString(resourceGroup().id, namePrefix)
var storageName = toLower('${namePrefix}${take(suffix, 13)}')
var isFlex = planSku == 'FC1'
var deploymentContainer = 'app-package'
var roles = {
  // The roles Durable Functions documents for identity-based AzureWebJobsStorage.
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-id-${suffix}'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource packageContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainer
}

resource photos 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: photosContainer
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-logs-${suffix}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-ai-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    DisableLocalAuth: true
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take('${namePrefix}-kv-${suffix}', 24)
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${namePrefix}-plan-${suffix}'
  location: location
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: isFlex ? { name: 'FC1', tier: 'FlexConsumption' } : { name: planSku, tier: 'ElasticPremium' }
  properties: { reserved: true }
}

// Settings read by the app and by the host's binding expressions (%Reconciliation:Schedule%, %Photos:Container%,
// %Webhooks:Queue%, %Sync:TaskHub%): every %Setting% of functions.metadata must be here (BicepSettingsTests).
var commonSettings = [
  { name: 'AzureWebJobsStorage__accountName', value: storage.name }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identity.properties.clientId};Authorization=AAD' }
  { name: 'KeyVault__VaultUri', value: vault.properties.vaultUri }
  { name: 'Admin__Keys', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=admin-keys)' }
  { name: 'Reconciliation__Schedule', value: reconciliationSchedule }
  { name: 'Photos__Container', value: photosContainer }
  { name: 'Webhooks__Queue', value: webhooksQueue }
  { name: 'Sync__TaskHub', value: taskHubName }
]

// Flex Consumption sets the runtime in functionAppConfig (FUNCTIONS_WORKER_RUNTIME is not an app setting there).
var premiumSettings = [
  { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
  { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'dotnet-isolated' }
]

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: '${namePrefix}-func-${suffix}'
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    functionAppConfig: isFlex ? {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer}'
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identity.id }
        }
      }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
      scaleAndConcurrency: { maximumInstanceCount: 100, instanceMemoryMB: 2048 }
    } : null
    siteConfig: {
      linuxFxVersion: isFlex ? null : 'DOTNET-ISOLATED|10.0'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: isFlex ? commonSettings : concat(premiumSettings, commonSettings)
    }
  }
}

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in [ roles.storageBlobDataOwner, roles.storageQueueDataContributor, roles.storageTableDataContributor ]: {
  name: guid(storage.id, identity.id, role)
  scope: storage
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

resource vaultRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, roles.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
  }
}

resource insightsRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, identity.id, roles.monitoringMetricsPublisher)
  scope: insights
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

// The PhotoArrived blob trigger uses the Event Grid source (required on Flex Consumption): BlobCreated events of the
// photos container go to the blob extension's webhook with the app's blobs_extension system key.
resource storageEvents 'Microsoft.EventGrid/systemTopics@2024-06-01-preview' = if (subscribePhotoEvents) {
  name: '${namePrefix}-events-${suffix}'
  location: location
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

resource photoEvents 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2024-06-01-preview' = if (subscribePhotoEvents) {
  parent: storageEvents
  name: 'photo-arrived'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${app.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.PhotoArrived&code=${listKeys('${app.id}/host/default', '2024-04-01').systemKeys.blobs_extension}'
      }
    }
    filter: {
      includedEventTypes: [ 'Microsoft.Storage.BlobCreated' ]
      subjectBeginsWith: '/blobServices/default/containers/${photosContainer}/'
    }
  }
}

output functionAppName string = app.name
output functionAppHostName string = app.properties.defaultHostName
output storageAccountName string = storage.name
output keyVaultUri string = vault.properties.vaultUri
output identityClientId string = identity.properties.clientId
