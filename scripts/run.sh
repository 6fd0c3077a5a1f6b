#!/usr/bin/env bash
# Sets up and runs the app standalone on this machine with demo data: Azurite (local Azure Storage) on its
# default ports with data in .azurite/, the marketplace sandboxes (Shopify, eBay, Reverb stand-ins) on
# http://127.0.0.1:7080, and the functions app on http://127.0.0.1:7071 pointed at both. The demo catalog
# in demo/ is imported and partly listed on the sandboxes (idempotent: running again duplicates nothing).
# Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

app_url="${ASPNETCORE_URLS:-http://127.0.0.1:7071}"
sandbox_url="${SANDBOX_URL:-http://127.0.0.1:7080}"
shop="demo-shop.myshopify.com"

# Each process runs in its own session (setsid), so Ctrl+C reaches only this script, which then stops the app
# first (it drains in-flight work against a storage that still answers), then the sandboxes, then Azurite.
pids=()
start() { setsid "$@" & pids=("$!" "${pids[@]}"); }
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || continue
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  done
}
trap cleanup EXIT
trap 'echo; echo "run: stopping"; exit 130' INT TERM

# Waits until a URL answers (any HTTP status), or gives up naming the log to read.
wait_for() {
  local url=$1 what=$2 log=$3
  for _ in $(seq 1 240); do
    curl -s -o /dev/null --max-time 2 "$url" && return 0
    sleep 0.5
  done
  echo "run: $what did not start; see $log" >&2
  exit 1
}

mkdir -p .azurite
if ! (exec 3<>/dev/tcp/127.0.0.1/10000) 2>/dev/null; then
  start node node_modules/azurite/dist/src/azurite.js --silent --location .azurite \
    --blobPort 10000 --queuePort 10001 --tablePort 10002 --skipApiVersionCheck --loose \
    --disableProductStyleUrl >.azurite/azurite.log 2>&1
  for _ in $(seq 1 60); do
    (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null && break
    sleep 0.5
  done
  echo "run: Azurite listening on 127.0.0.1:10000-10002 (data in .azurite/)"
else
  echo "run: using the Azurite already listening on 127.0.0.1:10000"
fi

echo "run: building the sandboxes and the functions app"
dotnet build sandbox/Marketplace.Sandbox.csproj --no-restore --verbosity quiet -nologo
dotnet build functions/Marketplace.Functions.csproj --no-restore --verbosity quiet -nologo
sandbox_dll=$(dotnet msbuild sandbox/Marketplace.Sandbox.csproj -getProperty:TargetPath)
app_dll=$(dotnet msbuild functions/Marketplace.Functions.csproj -getProperty:TargetPath)

# The sandboxes keep their state in memory; simulated sales notify the app's webhook routes.
reverb_secret="local-demo-reverb-webhook-path-secret-0001"
Sandbox__Urls="$sandbox_url" \
Sandbox__Ebay__NotificationDestination="$app_url/api/webhooks/ebay" \
Sandbox__Reverb__WebhookUrl="$app_url/api/webhooks/reverb/$reverb_secret" \
  start dotnet "$sandbox_dll" >.azurite/sandbox.log 2>&1
wait_for "$sandbox_url/" "the sandboxes" .azurite/sandbox.log
echo "run: sandboxes listening on $sandbox_url"

export AzureWebJobsStorage="${AzureWebJobsStorage:-UseDevelopmentStorage=true}"
export ASPNETCORE_URLS="$app_url"
# Admin API key for local use only (the app listens on loopback); set Admin__Keys to choose your own.
default_key="local-development-admin-key-change-me"
export Admin__Keys="${Admin__Keys:-$default_key}"
# Run the orchestration worker in this process (sales, publishing, syncs, outbox dispatch).
export Sync__WorkerEnabled="${Sync__WorkerEnabled:-true}"
# One process on a laptop: one partition, and short queue visibility so a crashed run's work resumes in seconds.
export Durable__PartitionCount="${Durable__PartitionCount:-1}"
export Durable__ControlQueueVisibilityTimeout="${Durable__ControlQueueVisibilityTimeout:-00:00:10}"
export Durable__WorkItemQueueVisibilityTimeout="${Durable__WorkItemQueueVisibilityTimeout:-00:00:10}"
export Durable__LeaseInterval="${Durable__LeaseInterval:-00:00:10}"
# The Durable Task Framework logs every work item at Information.
export Logging__LogLevel__DurableTask="${Logging__LogLevel__DurableTask:-Warning}"
export Demo__SeedFolder="${Demo__SeedFolder:-$PWD/demo}"
# The platforms are the sandboxes, with the values they accept (nothing here is a real credential).
export Shopify__ShopDomain="$shop" Shopify__BaseAddress="$sandbox_url/shops/$shop/" Shopify__WebhookSecret="sandbox-client-secret"
# The demo shop is connected through the app's own OAuth flow (below), which stores the token and subscribes the webhooks;
# the demo data waits for it. The sandbox accepts these app credentials.
export Shopify__ClientId="sandbox-client-id" Shopify__ClientSecret="sandbox-client-secret" Shopify__AppUrl="$app_url/" \
  Shopify__ShopBaseAddressTemplate="$sandbox_url/shops/{shop}/" Demo__AwaitShopifyConnect="${Demo__AwaitShopifyConnect:-true}"
export Ebay__ApiBaseUrl="$sandbox_url" Ebay__IdentityBaseUrl="$sandbox_url" Ebay__ClientId="sandbox-client-id" \
  Ebay__ClientSecret="sandbox-client-secret" Ebay__RefreshToken="sandbox-refresh-token" Ebay__MerchantLocationKey="demo-warehouse"
export Reverb__ApiBaseUrl="$sandbox_url" Reverb__AccessToken="sandbox-reverb-token" Reverb__WebhookSecret="$reverb_secret"
# Reverb takes handedness as a category: the sandbox's Left-Handed sub-category for the demo's left-handed guitar.
export Reverb__LeftHandedCategoryUuid="${Reverb__LeftHandedCategoryUuid:-5e3c4d1e-2f7a-4c6b-9a8d-0b1c2d3e4f5a}"
export Shopware__BaseUrl="$sandbox_url" Shopware__ClientId="SWIASANDBOXKEY0000000000001" Shopware__ClientSecret="sandbox-shopware-secret-access-key" \
  Shopware__Mode="${Shopware__Mode:-Full}" Shopware__TaxId="792203a53e564e28bcb7ffa1867fb485" Shopware__AppSecret="sandbox-shopware-app-secret"
export Discogs__ApiBaseUrl="$sandbox_url" Discogs__Token="sandbox-discogs-token" Discogs__UserAgent="MarketplaceDemo/1.0 +http://127.0.0.1"
# Vintage & Rare: the sandbox dealer site, driven in Debian's chromium (scripts/setup.sh installs it); the dealer login
# and feed key are the sandbox's (secrets vintageandrare--dealer--*, read from these settings).
export VintageAndRare__BaseUrl="$sandbox_url/vintageandrare/" VintageAndRare__Account="dealer" \
  vintageandrare__dealer__username="dealer@example.test" vintageandrare__dealer__password="sandbox-vr-password" \
  vintageandrare__dealer__feedkey="sandbox-vr-feed-key"

start dotnet "$app_dll"
app_pid=${pids[0]}
wait_for "$app_url/api/health" "the functions app" "its output above"

# Connect the demo shop as a merchant would: install on the app, approve on the (sandbox) shop, back to the app's
# callback, which exchanges the code, stores the token and registers the webhooks. No token passes through this script.
authorize=$(curl -s -o /dev/null -w '%{redirect_url}' "$app_url/api/shopify/install?shop=$shop")
callback=$([ -n "$authorize" ] && curl -s -o /dev/null -w '%{redirect_url}' "$authorize")
connected=$([ -n "$callback" ] && curl -s -o /dev/null -w '%{http_code}' "$callback")
if [ "$connected" != "200" ]; then
  echo "run: connecting $shop through the app's OAuth flow failed (install -> ${authorize:-none}, callback -> ${connected:-none}); see .azurite/sandbox.log" >&2
  exit 1
fi
echo "run: $shop connected through the app (token stored by the app, webhooks subscribed)"
# The sandbox shop installs our Shopware app (registration handshake); its orders then reach /api/webhooks/shopware signed.
installed=$(node -e 'process.stdout.write(JSON.stringify({appUrl: process.argv[1], manifest: require("fs").readFileSync(process.argv[2], "utf8")}))' \
  "$app_url/" functions/Shopware/MarketplaceSync/manifest.xml \
  | curl -s -o /dev/null -w '%{http_code}' -X POST -H 'content-type: application/json' --data-binary @- "$sandbox_url/_sandbox/shopware/app/install" || true)
[ "$installed" = "200" ] && echo "run: the Shopware sandbox shop installed the app (credentials stored by the app)" \
  || echo "run: the Shopware app install answered ${installed:-nothing}; order webhooks from the Shopware sandbox will be refused" >&2

key_hint="the value of Admin__Keys"
[ "$Admin__Keys" = "$default_key" ] && key_hint="$default_key (local default)"
cat <<EOF

run: the app runs standalone on Azurite with the demo catalog (seeding logs 'Demo data from ...' above).
  app         $app_url
  health      $app_url/api/health
  dashboard   $app_url/api/dashboard/   (sign in with the admin key)
  admin API   $app_url/api/admin/catalog/products   (header x-functions-key: <admin key>)
  photos      POST $app_url/api/photos   (multipart: cover/label/runout images + hints; Discogs sandbox, Tesseract OCR)
  admin key   $key_hint
  vintage&rare $sandbox_url/vintageandrare/  (the dealer site the browser step drives)
  sandboxes   $sandbox_url  (Shopify: /shops/$shop/admin/api/..., eBay: /sell/..., Reverb: /api/..., Shopware: /api/product, /api/_action/sync, ...)
  logs        app: this terminal (JSON lines); .azurite/sandbox.log, .azurite/azurite.log
Ctrl+C stops everything.
EOF
wait "$app_pid"
