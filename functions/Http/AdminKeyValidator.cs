using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Marketplace.Functions.Http;

/// <summary>
/// Checks the key of a <c>function</c>-level request as Azure Functions does: the <c>x-functions-key</c> header,
/// else the <c>code</c> query parameter. Keys are compared as SHA-256 digests in constant time, so neither
/// content nor length leaks through timing.
/// </summary>
internal sealed class AdminKeyValidator
{
    public const string HeaderName = "x-functions-key";
    public const string QueryName = "code";
    private readonly byte[][] _digests;

    public AdminKeyValidator(IOptions<AdminOptions> options)
    {
        _digests = [.. options.Value.KeyList.Select(Digest)];
    }

    /// <summary>True when the function's trigger needs a key: every auth level but anonymous.</summary>
    public static bool RequiresKey(Microsoft.Azure.Functions.Worker.HttpTriggerAttribute trigger) =>
        trigger.AuthLevel != Microsoft.Azure.Functions.Worker.AuthorizationLevel.Anonymous;

    /// <summary>The 401 answer to a request without a valid key.</summary>
    public static IResult Challenge { get; } = FunctionResults.Problem(StatusCodes.Status401Unauthorized, "A valid key is required.",
        $"Send the key in the '{HeaderName}' header or the '{QueryName}' query parameter.");

    /// <summary>Checks the key of a request (header first, then the query parameter).</summary>
    public bool IsAuthorized(HttpRequest request)
    {
        var presented = request.Headers[HeaderName].ToString();
        return IsAuthorized(string.IsNullOrEmpty(presented) ? request.Query[QueryName].ToString() : presented);
    }

    private bool IsAuthorized(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var digest = Digest(presented);
        var match = false;
        foreach (var key in _digests)
        {
            match |= CryptographicOperations.FixedTimeEquals(digest, key);
        }

        return match;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
