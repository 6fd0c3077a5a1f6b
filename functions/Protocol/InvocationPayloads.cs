using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketplace.Functions.Protocol;

/// <summary>The Functions host's request to a custom handler: <c>{ "Data": {...}, "Metadata": {...} }</c>.</summary>
internal sealed record InvocationRequest
{
    public Dictionary<string, JsonElement>? Data { get; init; }

    public Dictionary<string, JsonElement>? Metadata { get; init; }
}

/// <summary>The custom handler's answer: <c>{ "Outputs": {...}, "Logs": [...], "ReturnValue": ... }</c>; <see cref="Error"/> only on failure.</summary>
internal sealed record InvocationResponse
{
    public Dictionary<string, object?> Outputs { get; init; } = [];

    public List<string> Logs { get; init; } = [];

    public object? ReturnValue { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public InvocationError? Error { get; init; }
}

/// <summary>Why an invocation failed: the exception type and message (never configuration values).</summary>
internal sealed record InvocationError(string Type, string Message);

/// <summary>The <c>res</c> output of an HTTP function: <c>statusCode</c>, <c>headers</c>, <c>body</c>.</summary>
internal sealed record HttpOutput(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("headers")] Dictionary<string, string> Headers,
    [property: JsonPropertyName("body")] string Body);

/// <summary>The request payload was not what the host sends for this function (HTTP 400).</summary>
internal sealed class InvocationPayloadException(string message) : Exception(message);

/// <summary>Serializer settings of the protocol: property names as written (PascalCase <c>Data</c>, <c>Outputs</c>...).</summary>
internal static class ProtocolJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
