using System.Collections.Concurrent;
using Azure.Storage.Blobs;
using Marketplace.Shared.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;

namespace Marketplace.Shared.VintageAndRare;

/// <summary>
/// Drives Debian's Chromium through Playwright: one browser per process, one context per dealer account whose login
/// state is kept in Blob storage, and one operation at a time per account (operations queue on the account's lock,
/// so nothing else waits on the browser) and, across processes, one holder of the account's blob lease. A step that lands on the login page logs in again and retries the page.
/// A failed operation saves a screenshot and the page's HTML to Blob storage and throws <see cref="VintageAndRareException"/>.
/// </summary>
public sealed partial class VintageAndRareBrowser(VintageAndRareOptions options, BlobServiceClient blobs, ISecretStore secrets,
    TimeProvider? time = null, ILogger<VintageAndRareBrowser>? logger = null) : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> AccountLocks = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _launch = new(1, 1);
    private readonly ILogger _logger = logger ?? NullLogger<VintageAndRareBrowser>.Instance;
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IBrowserContext? _context;

    public VintageAndRareOptions Options => options;

    /// <summary>Runs <paramref name="operation"/> on a fresh page of the account's context, alone for the account.</summary>
    public async Task<T> RunAsync<T>(string name, Func<IPage, CancellationToken, Task<T>> operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var gate = AccountLocks.GetOrAdd(options.Account, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        IPage? page = null;
        VintageAndRareAccountLease? lease = null;
        try
        {
            lease = await VintageAndRareAccountLease.AcquireAsync(blobs, options, _time, cancellationToken);
            var context = await ContextAsync(cancellationToken);
            page = await context.NewPageAsync();
            page.SetDefaultTimeout((float)options.PageTimeout.TotalMilliseconds);
            var result = await operation(page, cancellationToken);
            await SaveStateAsync(context, cancellationToken);
            return result;
        }
        catch (Exception ex) when (page is not null && ex is not OperationCanceledException)
        {
            throw await WithEvidenceAsync(page, name, ex);
        }
        finally
        {
            if (page is not null)
            {
                await page.CloseAsync();
            }

            if (lease is not null)
            {
                await lease.DisposeAsync();
            }

            gate.Release();
        }
    }

    /// <summary>Opens a site path, logging in first when the site asks for it. Throws on a 4xx/5xx page.</summary>
    public async Task GotoAsync(IPage page, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var response = await page.GotoAsync(Url(path).ToString());
        if (IsLoginPage(page))
        {
            await LoginAsync(page, cancellationToken);
            response = await page.GotoAsync(Url(path).ToString());
        }

        EnsureOk(response, path);
    }

    /// <summary>GETs a site path with the context's cookies (the CSV export), logging in first when needed.</summary>
    public async Task<string> GetTextAsync(IPage page, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var response = await page.Context.APIRequest.GetAsync(Url(path).ToString());
        if (IsLoginUrl(new Uri(response.Url)))
        {
            await LoginAsync(page, cancellationToken);
            response = await page.Context.APIRequest.GetAsync(Url(path).ToString());
        }

        if (!response.Ok || IsLoginUrl(new Uri(response.Url)))
        {
            throw new VintageAndRareException($"Vintage & Rare answered {response.Status} for {path}.", (System.Net.HttpStatusCode)response.Status);
        }

        return await response.TextAsync();
    }

    /// <summary>Clicks a form's submit button and waits for the page it lands on (after redirects); its answer, or null.</summary>
    public static async Task<IResponse?> SubmitAsync(IPage page, string button)
    {
        ArgumentNullException.ThrowIfNull(page);
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync(button),
            r => r.Request.IsNavigationRequest && r.Request.Frame == page.MainFrame && r.Status is < 300 or >= 400);
        try
        {
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded, new() { Timeout = 5000 });
        }
        catch (TimeoutException)
        {
            // Seen on a loaded machine: the page had loaded (network idle) but the load-state wait never saw it. The
            // document itself says whether it is still loading.
            await page.WaitForFunctionAsync("() => document.readyState !== 'loading'");
        }

        return response;
    }

    public Uri Url(string path) => new(options.BaseUrl!, path);

    public static void EnsureOk(IResponse? response, string what)
    {
        if (response is { Ok: false })
        {
            throw new VintageAndRareException($"Vintage & Rare answered {response.Status} for {what}.", (System.Net.HttpStatusCode)response.Status);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        _launch.Dispose();
    }

    private bool IsLoginPage(IPage page) => IsLoginUrl(new Uri(page.Url));

    private bool IsLoginUrl(Uri url) => url.AbsolutePath.Equals(Url(options.Paths.Login).AbsolutePath, StringComparison.Ordinal);

    private async Task LoginAsync(IPage page, CancellationToken cancellationToken)
    {
        var username = await secrets.GetSecretAsync(SecretNames.Compose("vintageandrare", options.Account, "username"), cancellationToken);
        var password = await secrets.GetSecretAsync(SecretNames.Compose("vintageandrare", options.Account, "password"), cancellationToken);
        if (username is null || password is null)
        {
            throw new VintageAndRareException($"No Vintage & Rare login in the secret store for account '{options.Account}'.", transient: false);
        }

        if (!IsLoginPage(page))
        {
            await page.GotoAsync(Url(options.Paths.Login).ToString());
        }

        var s = options.Selectors;
        await page.FillAsync(s.LoginUsername, username);
        await page.FillAsync(s.LoginPassword, password);
        var response = await SubmitAsync(page, s.LoginSubmit);
        if (IsLoginPage(page))
        {
            throw new VintageAndRareException($"Vintage & Rare refused the login of account '{options.Account}'.", (System.Net.HttpStatusCode?)response?.Status, transient: false);
        }

        LogLoggedIn(options.Account);
    }

    private async Task<IBrowserContext> ContextAsync(CancellationToken cancellationToken)
    {
        await _launch.WaitAsync(cancellationToken);
        try
        {
            if (_context is not null)
            {
                return _context;
            }

            _playwright ??= await Playwright.CreateAsync();
            _browser ??= await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = options.ChromiumPath,
                Headless = options.Headless,
                Args = [.. options.ChromiumArgs],
            });
            var state = StateBlob();
            string? saved = null;
            if (await state.ExistsAsync(cancellationToken))
            {
                saved = (await state.DownloadContentAsync(cancellationToken)).Value.Content.ToString();
            }

            _context = await _browser.NewContextAsync(new BrowserNewContextOptions { StorageState = saved });
            return _context;
        }
        finally
        {
            _launch.Release();
        }
    }

    private async Task SaveStateAsync(IBrowserContext context, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(options.Container);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await StateBlob().UploadAsync(BinaryData.FromString(await context.StorageStateAsync()), overwrite: true, cancellationToken);
    }

    private BlobClient StateBlob() => blobs.GetBlobContainerClient(options.Container).GetBlobClient($"state/{options.Account}.json");

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Logged in to Vintage & Rare as account {Account}")]
    private partial void LogLoggedIn(string account);
}
