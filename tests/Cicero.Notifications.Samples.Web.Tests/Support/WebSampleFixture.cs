using Microsoft.Playwright;

namespace Cicero.Notifications.Samples.Web.Tests.Support;

/// <summary>
/// One sample on Kestrel and one Chromium for every browser test (xunit collection fixture). Chromium is the system's
/// (<c>apt-get install chromium</c>, which <c>.ci/run</c> does): Playwright's own browser download cannot work here.
/// </summary>
public sealed class WebSampleFixture : IAsyncLifetime
{
    /// <summary>Where Chromium is; <c>CICERO_CHROMIUM</c> overrides it.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("CICERO_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? _playwright;

    /// <summary>Gets the shared sample.</summary>
    public SampleApp App { get; private set; } = null!;

    /// <summary>Gets the browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium is not at {ChromiumPath}. The browser tests need it: run 'apt-get install -y chromium' (.ci/run does), or set CICERO_CHROMIUM to a Chromium executable.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
        });
        App = SampleApp.Start();
    }

    /// <summary>Opens a new browser context (its own cookies: one staff member) on <paramref name="app"/>.</summary>
    public async Task<IBrowserContext> NewContextAsync(SampleApp? app = null)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = (app ?? App).BaseUrl, ViewportSize = new() { Width = 1280, Height = 800 }, Locale = "da-DK" });
        context.SetDefaultTimeout(10_000); // a missing text fails in seconds, not half a minute
        return context;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
