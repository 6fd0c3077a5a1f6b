// The ebay-api library (hendt/ebay-api) against the eBay sandbox: only the scheme and host are rewritten.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import eBayApi from 'ebay-api';
import { startSandbox } from './sandbox.mjs';

const clientId = 'sandbox-client-id';
const clientSecret = 'sandbox-client-secret';
let sandbox;
let api;

function rewriteToSandbox(instance) {
  instance.interceptors.request.use((config) => {
    const url = new URL(config.url);
    config.url = new URL(url.pathname + url.search, sandbox.url).toString();
    return config;
  });
}

before(async () => {
  sandbox = await startSandbox();
  api = new eBayApi({
    appId: clientId,
    certId: clientSecret,
    sandbox: true,
    ruName: 'sandbox-ru-name',
    marketplaceId: eBayApi.MarketplaceId.EBAY_US,
    contentLanguage: 'en-US',
    autoRefreshToken: true,
    scope: ['https://api.ebay.com/oauth/api_scope/sell.inventory', 'https://api.ebay.com/oauth/api_scope/sell.fulfillment'],
  });
  rewriteToSandbox(api.req.instance);
});

after(async () => {
  await sandbox?.stop();
});

const get = (path, token) => fetch(new URL(path, sandbox.url), { headers: { authorization: `Bearer ${token}` } });

describe('eBay tokens', () => {
  test('an application token comes from client credentials', async () => {
    const token = await api.OAuth2.obtainApplicationAccessToken();
    assert.ok(token.access_token);
    assert.equal(token.token_type, 'Application Access Token');
  });

  test('a bad token is 401 errorId 1001 with eBay\'s message and longMessage', async () => {
    const response = await get('/sell/inventory/v1/inventory_item?limit=1', 'not-a-token');
    const body = await response.json();
    assert.equal(response.status, 401);
    assert.equal(body.errors[0].errorId, 1001);
    assert.equal(body.errors[0].message, 'Invalid access token');
    assert.match(body.errors[0].longMessage, /Authorization HTTP request header/);
  });

  test('the Sell Inventory API refuses an application token', async () => {
    const token = await api.OAuth2.obtainApplicationAccessToken();
    const response = await get('/sell/inventory/v1/inventory_item?limit=1', token.access_token);
    const body = await response.json();
    assert.equal(response.status, 403);
    assert.equal(body.errors[0].errorId, 1100);
  });
});

describe('Sell Inventory and Fulfillment with ebay-api', () => {
  const sku = `CONF-${Date.now()}`;
  let listingId;
  let offerId;

  test('an expired user token is refreshed and the call retried', async () => {
    api.OAuth2.setCredentials({ access_token: 'expired-user-token', refresh_token: 'sandbox-refresh-token', expires_in: 7200, token_type: 'User Access Token' });

    await api.sell.inventory.createOrReplaceInventoryItem(sku, {
      availability: { shipToLocationAvailability: { quantity: 2 } },
      condition: 'USED_EXCELLENT',
      product: { title: 'Conformance Stratocaster', description: 'A guitar', aspects: { Brand: ['Fender'] }, imageUrls: ['https://cdn.example.com/1.jpg'] },
    });

    assert.notEqual(api.OAuth2.getUserAccessToken(), 'expired-user-token');
  });

  test('getInventoryItem answers the item with its locale', async () => {
    const item = await api.sell.inventory.getInventoryItem(sku);
    assert.equal(item.sku, sku);
    assert.equal(item.locale, 'en_US');
    assert.equal(item.product.title, 'Conformance Stratocaster');
  });

  test('an offer is created and published', async () => {
    const created = await api.sell.inventory.createOffer({
      sku,
      marketplaceId: 'EBAY_US',
      format: 'FIXED_PRICE',
      categoryId: '33034',
      availableQuantity: 2,
      merchantLocationKey: 'demo-warehouse',
      pricingSummary: { price: { value: '1299.00', currency: 'USD' } },
      listingPolicies: { fulfillmentPolicyId: 'f', paymentPolicyId: 'p', returnPolicyId: 'r' },
    });
    offerId = created.offerId;
    const published = await api.sell.inventory.publishOffer(offerId);
    assert.ok(published.listingId);
    listingId = published.listingId;
  });

  test('the Browse API shows the live listing with the date it started', async () => {
    const item = await api.buy.browse.getItemByLegacyId({ legacy_item_id: listingId });
    assert.equal(item.legacyItemId, listingId);
    assert.ok(Date.parse(item.itemCreationDate) <= Date.now());
  });

  test('the traffic report has a record per listing with the metrics asked for, in order', async () => {
    const report = await api.sell.analytics.getTrafficReport({
      dimension: 'LISTING',
      filter: `marketplace_ids:{EBAY_US},date_range:[20260101..20261231],listing_ids:{${listingId}}`,
      metric: 'LISTING_VIEWS_TOTAL,LISTING_IMPRESSION_TOTAL',
    });
    assert.deepEqual(report.header.metrics.map((m) => m.key), ['LISTING_VIEWS_TOTAL', 'LISTING_IMPRESSION_TOTAL']);
    assert.equal(report.records.length, 1);
    assert.equal(report.records[0].dimensionValues[0].value, listingId);
    assert.equal(report.records[0].metricValues.length, 2);
  });

  test('bulk price and quantity answers per item, errors with longMessage', async () => {
    const result = await api.sell.inventory.bulkUpdatePriceQuantity({
      requests: [
        { sku, shipToLocationAvailability: { quantity: 1 }, offers: [{ offerId, availableQuantity: 1, price: { value: '1199.00', currency: 'USD' } }] },
        { sku: 'NO-SUCH-SKU', shipToLocationAvailability: { quantity: 1 } },
      ],
    });
    const [ok, missing] = result.responses;
    assert.equal(ok.statusCode, 200);
    assert.equal(missing.statusCode, 404);
    assert.ok(missing.errors[0].message);
    assert.ok(missing.errors[0].longMessage);
  });

  test('orders are listed', async () => {
    const orders = await api.sell.fulfillment.getOrders({ filter: 'lastmodifieddate:[2020-01-01T00:00:00.000Z..]', limit: 10 });
    assert.ok(Array.isArray(orders.orders));
  });
});
