namespace Marketplace.Sandbox.Shopify.GraphQl;

/// <summary>The execution's user context: which shop asked, and where the sandbox is.</summary>
internal sealed class ShopifyGraphQlRequest(ShopifySandbox sandbox, SandboxShop shop, Uri baseUri, string apiVersion) : Dictionary<string, object?>
{
    public ShopifySandbox Sandbox => sandbox;
    public SandboxShop Shop => shop;
    public Uri BaseUri => baseUri;
    public string ApiVersion => apiVersion;
}
