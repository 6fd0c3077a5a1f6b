// Shopify's own libraries against the Shopify sandbox: @shopify/shopify-api (OAuth with the shop in the host,
// webhook registration, webhook validation) and @shopify/admin-api-client (the app's own documents).
import '@shopify/shopify-api/adapters/web-api';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { ApiVersion, DeliveryMethod, LogSeverity, shopifyApi } from '@shopify/shopify-api';
import { setAbstractFetchFunc } from '@shopify/shopify-api/runtime';
import { createAdminApiClient } from '@shopify/admin-api-client';
import { appDocuments, rewritingFetch, startSandbox } from './sandbox.mjs';

const shop = 'conformance-shop.myshopify.com';
let sandbox;
let fetchViaSandbox;
let shopify;
let session;
let admin;
let receiver;
const deliveries = [];

before(async () => {
  sandbox = await startSandbox();
  fetchViaSandbox = rewritingFetch(sandbox.url);
  receiver = http.createServer((request, response) => {
    const chunks = [];
    request.on('data', (c) => chunks.push(c));
    request.on('end', () => {
      deliveries.push({ headers: request.headers, url: request.url, body: Buffer.concat(chunks).toString('utf8') });
      response.end();
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  shopify = shopifyApi({
    apiKey: 'sandbox-client-id',
    apiSecretKey: 'sandbox-client-secret',
    scopes: ['write_products', 'write_inventory'],
    hostName: `127.0.0.1:${receiver.address().port}`,
    hostScheme: 'http',
    apiVersion: ApiVersion.October26,
    isEmbeddedApp: false,
    logger: { level: LogSeverity.Error },
  });
  setAbstractFetchFunc(fetchViaSandbox);
});

after(async () => {
  receiver?.close();
  await sandbox?.stop();
});

describe('OAuth with @shopify/shopify-api', () => {
  test('begin and callback complete against the shop named in the host', async () => {
    const begin = await shopify.auth.begin({
      shop,
      callbackPath: '/auth/callback',
      isOnline: false,
      rawRequest: new Request(`http://app.example/auth?shop=${shop}`),
    });
    const authorize = new URL(begin.headers.get('location'));
    assert.equal(authorize.host, shop);
    const cookies = begin.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

    const redirect = await fetchViaSandbox(authorize);
    assert.equal(redirect.status, 302);
    const callback = new URL(redirect.headers.get('location'));
    assert.equal(callback.searchParams.get('shop'), shop);

    const result = await shopify.auth.callback({ rawRequest: new Request(callback, { headers: { cookie: cookies } }) });
    session = result.session;
    assert.equal(session.shop, shop);
    assert.match(session.accessToken, /^shpat_/);
    admin = createAdminApiClient({ storeDomain: shop, apiVersion: '2026-10', accessToken: session.accessToken, customFetchApi: fetchViaSandbox });
  });

  test('the callback HMAC validates for a state with spaces, plus signs and slashes', async () => {
    const state = 'a b+c/d=e&f';
    const authorize = new URL(`https://${shop}/admin/oauth/authorize`);
    authorize.search = new URLSearchParams({ client_id: 'sandbox-client-id', scope: 'write_products', redirect_uri: 'http://app.example/auth/callback', state }).toString();
    const redirect = await fetchViaSandbox(authorize);
    const query = Object.fromEntries(new URL(redirect.headers.get('location')).searchParams);

    assert.equal(query.state, state);
    assert.equal(await shopify.utils.validateHmac(query), true);
    assert.equal(await shopify.utils.validateHmac({ ...query, state: 'tampered' }), false);
  });
});

describe('the app\'s documents with @shopify/admin-api-client', () => {
  const documents = appDocuments();
  const run = async (name, variables) => {
    const response = await admin.request(documents[name], { variables });
    assert.equal(response.errors, undefined, `${name}: ${JSON.stringify(response.errors)}`);
    assert.ok(response.extensions?.cost?.requestedQueryCost !== undefined, `${name}: extensions.cost`);
    return response.data;
  };

  test('product, inventory, order, metafield and bulk documents run without errors', async () => {
    await run('MetafieldDefinitionCreate', { definition: { name: 'Brand', namespace: 'marketplace', key: 'brand', type: 'single_line_text_field', ownerType: 'PRODUCT' } });
    const set = await run('ProductSet', {
      input: {
        title: 'Conformance Telecaster',
        status: 'ACTIVE',
        productOptions: [{ name: 'Title', values: [{ name: 'Default Title' }] }],
        variants: [{ sku: 'CONF-1', price: '1299.00', optionValues: [{ optionName: 'Title', name: 'Default Title' }] }],
        metafields: [{ namespace: 'marketplace', key: 'brand', type: 'single_line_text_field', value: 'Fender' }],
      },
      identifier: null,
    });
    const product = set.productSet.product;
    assert.deepEqual(set.productSet.userErrors, []);
    const variant = product.variants.nodes[0];

    const bySku = await run('VariantBySku', { first: 1, query: 'sku:"CONF-1"' });
    assert.equal(bySku.productVariants.nodes[0].product.id, product.id);
    await run('VariantBySkuWithProduct', { first: 1, query: 'sku:"CONF-1"' });
    const page = await run('ProductsPage', { first: 5, after: null, query: null });
    assert.equal(page.products.nodes[0].variants.nodes[0].sku, 'CONF-1');
    assert.equal(page.products.nodes[0].metafields.nodes[0].value, 'Fender');

    const locations = await run('Locations', { first: 1 });
    const locationId = locations.locations.nodes[0].id;
    await run('InventoryItemVariant', { id: variant.inventoryItem.id });
    const set5 = await run('InventorySet', { input: { name: 'available', reason: 'correction', quantities: [{ inventoryItemId: variant.inventoryItem.id, locationId, quantity: 5, changeFromQuantity: 0 }] } });
    assert.deepEqual(set5.inventorySetQuantities.userErrors, []);
    await run('InventoryAdjust', { input: { name: 'available', reason: 'correction', changes: [{ inventoryItemId: variant.inventoryItem.id, locationId, delta: -1, changeFromQuantity: null }] } });
    const level = await run('InventoryLevel', { id: variant.inventoryItem.id, locationId });
    assert.equal(level.inventoryItem.inventoryLevel.quantities[0].quantity, 4);

    await run('OrdersPage', { first: 3, after: null, query: "updated_at:>='2026-01-01T00:00:00Z'" });
    const staged = await run('StagedUploadsCreate', { input: [{ resource: 'BULK_MUTATION_VARIABLES', filename: 'bulk.jsonl', mimeType: 'text/jsonl', httpMethod: 'POST' }] });
    assert.equal(staged.stagedUploadsCreate.stagedTargets.length, 1);
    const bulk = await run('BulkRunQuery', { query: documents.BulkExportProducts });
    const operation = await run('BulkOperation', { id: bulk.bulkOperationRunQuery.bulkOperation.id });
    assert.equal(operation.bulkOperation.type, 'QUERY');

    await run('ProductUpdateStatus', { product: { id: product.id, status: 'DRAFT' } });
    const deleted = await run('ProductDelete', { input: { id: product.id } });
    assert.equal(deleted.productDelete.deletedProductId, product.id);
  });

  test('webhook subscription documents create, list and delete', async () => {
    const created = await run('WebhookSubscriptionCreate', { topic: 'PRODUCTS_UPDATE', webhookSubscription: { uri: 'https://app.example/webhooks' } });
    const id = created.webhookSubscriptionCreate.webhookSubscription.id;
    const listed = await run('WebhookSubscriptions', { first: 100 });
    assert.ok(listed.webhookSubscriptions.nodes.some((n) => n.id === id));
    const deleted = await run('WebhookSubscriptionDelete', { id });
    assert.equal(deleted.webhookSubscriptionDelete.deletedWebhookSubscriptionId, id);
  });

  test('a bulk import runs the JSONL mutation template from a staged upload', async () => {
    const staged = await run('StagedUploadsCreate', { input: [{ resource: 'BULK_MUTATION_VARIABLES', filename: 'bulk.jsonl', mimeType: 'text/jsonl', httpMethod: 'POST' }] });
    const target = staged.stagedUploadsCreate.stagedTargets[0];
    const lines = [1, 2].map((i) => JSON.stringify({ input: { title: `Bulk ${i}`, productOptions: [{ name: 'Title', values: [{ name: 'Default Title' }] }], variants: [{ sku: `BULK-${i}`, price: '10.00', optionValues: [{ optionName: 'Title', name: 'Default Title' }] }] } }));
    const form = new FormData();
    for (const { name, value } of target.parameters) {
      form.append(name, value);
    }
    form.append('file', new Blob([lines.join('\n') + '\n'], { type: 'text/jsonl' }), 'bulk.jsonl');
    const upload = await fetchViaSandbox(target.url, { method: 'POST', body: form });
    assert.equal(upload.status, 201);

    const key = target.parameters.find((p) => p.name === 'key').value;
    const started = await run('BulkRunMutation', { mutation: documents.BulkProductSet, stagedUploadPath: key, clientIdentifier: 'conformance' });
    assert.deepEqual(started.bulkOperationRunMutation.userErrors, []);
    let operation;
    for (let i = 0; i < 100 && operation?.status !== 'COMPLETED'; i++) {
      operation = (await run('BulkOperation', { id: started.bulkOperationRunMutation.bulkOperation.id })).bulkOperation;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(operation.status, 'COMPLETED');
    const results = (await (await fetchViaSandbox(operation.url)).text()).trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(results.map((r) => r.data.productSet.product.variants.nodes[0].sku), ['BULK-1', 'BULK-2']);
  });

  test('a wrong field name fails as Shopify fails it', async () => {
    const response = await admin.request('query { shop { nam } }');
    assert.equal(response.errors.graphQLErrors[0].message, "Field 'nam' doesn't exist on type 'Shop'");
    assert.equal(response.errors.graphQLErrors[0].extensions.code, 'undefinedField');
  });
});

describe('webhooks with @shopify/shopify-api', () => {
  const topics = ['PRODUCTS_CREATE', 'PRODUCTS_UPDATE', 'PRODUCTS_DELETE', 'INVENTORY_LEVELS_UPDATE', 'ORDERS_CREATE', 'BULK_OPERATIONS_FINISH', 'APP_UNINSTALLED'];

  test('register creates the subscriptions through webhookSubscriptions edges', async () => {
    shopify.webhooks.addHandlers(Object.fromEntries(topics.map((topic) => [topic, { deliveryMethod: DeliveryMethod.Http, callbackUrl: '/webhooks' }])));
    const result = await shopify.webhooks.register({ session });
    for (const topic of topics) {
      assert.equal(result[topic]?.[0]?.success, true, `${topic}: ${JSON.stringify(result[topic])}`);
    }

    const again = await shopify.webhooks.register({ session });
    assert.deepEqual(topics.flatMap((topic) => again[topic] ?? []), []);
  });

  test('every delivery the sandbox sends validates, for every topic', async () => {
    const documents = appDocuments();
    const call = async (name, variables) => (await admin.request(documents[name], { variables })).data;
    const created = await call('ProductSet', { input: { title: 'Webhook guitar', variants: [{ sku: 'HOOK-1', price: '10.00', optionValues: [{ optionName: 'Title', name: 'Default Title' }] }], productOptions: [{ name: 'Title', values: [{ name: 'Default Title' }] }] }, identifier: null });
    const product = created.productSet.product;
    const location = (await call('Locations', { first: 1 })).locations.nodes[0].id;
    await call('InventorySet', { input: { name: 'available', reason: 'correction', quantities: [{ inventoryItemId: product.variants.nodes[0].inventoryItem.id, locationId: location, quantity: 3, changeFromQuantity: null }] } });
    const checkout = await fetchViaSandbox(`https://${shop}/shopify-sandbox/orders`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-shopify-access-token': session.accessToken }, body: JSON.stringify({ lines: [{ sku: 'HOOK-1', quantity: 1 }] }) });
    assert.equal(checkout.status, 201);
    await call('BulkRunQuery', { query: documents.BulkExportProducts });
    await call('ProductUpdateStatus', { product: { id: product.id, status: 'ARCHIVED' } });
    await call('ProductDelete', { input: { id: product.id } });
    await waitFor(() => ['bulk_operations/finish', 'products/delete'].every((t) => deliveries.some((d) => d.headers['x-shopify-topic'] === t)));
    const uninstall = await fetchViaSandbox(`https://${shop}/shopify-sandbox/uninstall`, { method: 'POST', headers: { 'x-shopify-access-token': session.accessToken } });
    assert.equal(uninstall.status, 204);

    const expected = topics.map((topic) => topic.toLowerCase().replace(/_([a-z]+)$/, '/$1'));
    await waitFor(() => expected.every((t) => deliveries.some((d) => d.headers['x-shopify-topic'] === t)));
    assert.deepEqual(expected.filter((t) => !deliveries.some((d) => d.headers['x-shopify-topic'] === t)), []);
    for (const delivery of deliveries) {
      const rawRequest = new Request(`http://127.0.0.1${delivery.url}`, { method: 'POST', headers: delivery.headers, body: delivery.body });
      const check = await shopify.webhooks.validate({ rawBody: delivery.body, rawRequest });
      assert.equal(check.valid, true, JSON.stringify(check));
      assert.equal(check.domain, shop);
    }
  });
});

async function waitFor(condition) {
  const deadline = Date.now() + 15_000;
  while (!condition() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
