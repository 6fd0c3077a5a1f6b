using System.Net;
using Marketplace.Functions.Shopware;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Shouldly;
using Xunit;

namespace Marketplace.Functions.Tests.Sync;

/// <summary>
/// The <c>confirmation_url</c> a registering shop is sent to: the configured public base URL, else the address the request
/// came in on as the proxies in front (the Functions host, a front door) forwarded it.
/// </summary>
public sealed class ShopwareAppConfirmationUrlTests
{
    private static readonly Uri Confirm = new("https://apps.example/api/shopware/app/confirm");

    [Theory]
    [InlineData("https://marketplace.example", "https://marketplace.example/api/shopware/app/confirm")]
    [InlineData("https://marketplace.example/", "https://marketplace.example/api/shopware/app/confirm")]
    [InlineData("https://example.com/marketplace", "https://example.com/marketplace/api/shopware/app/confirm")]
    [InlineData("https://example.com/marketplace//", "https://example.com/marketplace/api/shopware/app/confirm")]
    [InlineData("http://localhost:7071", "http://localhost:7071/api/shopware/app/confirm")]
    public void PublicBaseUrl_IsTheRoot_WhateverTheRequestOrItsProxiesSay(string publicBaseUrl, string expected)
    {
        var request = Request("http", "127.0.0.1:5000", pathBase: "/internal");
        request.Headers["X-Forwarded-Proto"] = "http";
        request.Headers["X-Forwarded-Host"] = "proxy.internal";

        ShopwareAppRegisterFunction.ConfirmationUrl(request, new Uri(publicBaseUrl)).ShouldBe(new Uri(expected));
    }

    [Fact]
    public void WithoutPublicBaseUrl_IsTheRequestsOwnAddress_WithItsPathBase() =>
        ShopwareAppRegisterFunction.ConfirmationUrl(Request("http", "localhost:7071", pathBase: "/app"), null)
            .ShouldBe(new Uri("http://localhost:7071/app/api/shopware/app/confirm"));

    [Theory]
    [InlineData("https", "apps.example")]
    [InlineData("HTTPS", "apps.example")]
    [InlineData("https, http", "apps.example, 10.0.0.4:8080")]
    public void WithoutPublicBaseUrl_TheOutermostForwardedSchemeAndHost_AreTheAddress(string proto, string host)
    {
        var request = Request("http", "127.0.0.1:5000");
        request.Headers["X-Forwarded-Proto"] = proto;
        request.Headers["X-Forwarded-Host"] = host;

        ShopwareAppRegisterFunction.ConfirmationUrl(request, null).ShouldBe(Confirm);
    }

    [Fact]
    public void ForwardedValues_ThatMakeNoHttpUrl_AreIgnored()
    {
        var request = Request("http", "127.0.0.1:5000");
        request.Headers["X-Forwarded-Proto"] = "javascript";
        request.Headers["X-Forwarded-Host"] = "evil.example/phish?";

        ShopwareAppRegisterFunction.ConfirmationUrl(request, null).ShouldBe(new Uri("http://127.0.0.1:5000/api/shopware/app/confirm"));
    }

    [Fact]
    public async Task UnderTheFunctionsHost_TheWorkerHasAppliedTheHostsForwardedHeaders_BeforeTheFunctionRuns()
    {
        // The worker's ASP.NET Core integration as Program.cs configures it: its ForwardedHeadersOptions and middleware see
        // the host's proxied request (from loopback, to the worker's own port) first.
        using var worker = new HostBuilder().ConfigureFunctionsWebApplication().Build();
        var options = worker.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>();
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1", 52731);
        context.Request.Headers["X-Forwarded-Proto"] = "https";
        context.Request.Headers["X-Forwarded-Host"] = "apps.example";
        HttpRequest? seen = null;

        await new ForwardedHeadersMiddleware(c =>
        {
            seen = c.Request;
            return Task.CompletedTask;
        }, NullLoggerFactory.Instance, options).Invoke(context);

        seen.ShouldNotBeNull();
        (seen.Scheme, seen.Host.Value).ShouldBe(("https", "apps.example"));
        seen.Headers.ContainsKey("X-Forwarded-Host").ShouldBeFalse("applied headers are moved to X-Original-*");
        ShopwareAppRegisterFunction.ConfirmationUrl(seen, null).ShouldBe(Confirm);
    }

    private static HttpRequest Request(string scheme, string host, string pathBase = "")
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = scheme;
        context.Request.Host = new HostString(host);
        context.Request.PathBase = pathBase;
        context.Request.Path = "/api/shopware/app/register";
        return context.Request;
    }
}
