using System.Net;
using Marketplace.Shared.Marketplaces;

namespace Marketplace.Shared.Shopify;

/// <summary>A Shopify Admin API call failed (HTTP error or top-level GraphQL <c>errors</c>).</summary>
public class ShopifyException : MarketplaceException
{
    public ShopifyException(string message, HttpStatusCode? status = null, string? requestId = null, string? rawBody = null, Exception? innerException = null, bool transient = false)
        : base(MarketplacePlatform.Shopify, message, status, requestId, rawBody, innerException)
    {
        Transient = transient;
    }

    private bool Transient { get; }

    /// <inheritdoc />
    public override bool IsTransient => Transient || (Status is not null && base.IsTransient);
}

/// <summary>One entry of a mutation's <c>userErrors</c>: the input path at fault, the message and Shopify's code.</summary>
/// <param name="Field">Path to the input field, e.g. <c>["input","variants","0","price"]</c>; empty when the error is not about a field.</param>
/// <param name="Message">Shopify's message.</param>
/// <param name="Code">Shopify's error code, when the payload has one.</param>
public sealed record ShopifyUserError(IReadOnlyList<string> Field, string Message, string? Code)
{
    /// <summary>The field path joined with dots (<c>input.variants.0.price</c>).</summary>
    public string FieldPath => string.Join('.', Field);

    public override string ToString() => Field.Count == 0 ? Message : $"{FieldPath}: {Message}";
}

/// <summary>The mutation ran but rejected the input (<c>userErrors</c>). Not transient: retrying the same input fails again.</summary>
public class ShopifyUserErrorException : ShopifyException
{
    public ShopifyUserErrorException(string mutation, IReadOnlyList<ShopifyUserError> userErrors, string? rawBody = null)
        : base($"Shopify {mutation} rejected the input: {string.Join("; ", userErrors)}", HttpStatusCode.OK, rawBody: rawBody)
    {
        Mutation = mutation;
        UserErrors = userErrors;
    }

    /// <summary>The mutation's root field (e.g. <c>productSet</c>).</summary>
    public string Mutation { get; }

    /// <summary>Every user error Shopify returned.</summary>
    public IReadOnlyList<ShopifyUserError> UserErrors { get; }

    /// <inheritdoc />
    public override bool IsTransient => false;
}

/// <summary>
/// <c>inventorySetQuantities</c> compare-and-set failed (<c>CHANGE_FROM_QUANTITY_STALE</c>): someone changed the
/// quantity since it was read. Re-read and decide; never retry the same request blindly.
/// </summary>
public sealed class ShopifyInventoryConflictException(string mutation, IReadOnlyList<ShopifyUserError> userErrors, string? rawBody = null)
    : ShopifyUserErrorException(mutation, userErrors, rawBody);
