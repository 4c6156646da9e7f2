using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cicero.Notifications.Samples.Web.Tests.Support;

/// <summary>
/// A browser test: a fresh context and page per test, helpers to sign in and open pages, and a screenshot written to the
/// test output when the test fails.
/// </summary>
[Collection(WebSampleCollection.Name)]
public abstract class BrowserTest(WebSampleFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private IBrowserContext? _context;

    /// <summary>Gets the fixture.</summary>
    protected WebSampleFixture Fixture { get; } = fixture;

    /// <summary>Gets the page.</summary>
    protected IPage Page { get; private set; } = null!;

    /// <inheritdoc />
    public virtual async Task InitializeAsync()
    {
        _context = await Fixture.NewContextAsync();
        Page = await _context.NewPageAsync();
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.DisposeAsync();
        }
    }

    /// <summary>Runs the test's steps; on failure saves a screenshot of every open page and names it in the output.</summary>
    protected async Task RunAsync(Func<Task> steps, [CallerMemberName] string test = "")
    {
        try
        {
            await steps();
        }
        catch
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(folder);
            var pages = (_context?.Pages ?? []).Concat(ExtraPages).ToList();
            for (var i = 0; i < pages.Count; i++)
            {
                var path = Path.Combine(folder, $"{GetType().Name}.{test}.{i}.png");
                try
                {
                    await pages[i].ScreenshotAsync(new() { Path = path, FullPage = true });
                    output.WriteLine($"Screenshot of {pages[i].Url}: {path}");
                }
                catch (PlaywrightException ex)
                {
                    output.WriteLine($"No screenshot of page {i}: {ex.Message}");
                }
            }

            throw;
        }
    }

    /// <summary>Gets pages of other contexts a test opened, to screenshot on failure.</summary>
    protected List<IPage> ExtraPages { get; } = [];

    /// <summary>Signs in as a demo staff user.</summary>
    protected static async Task SignInAsync(IPage page, string user = "jens")
    {
        await page.GotoAsync("/Login");
        await page.GetByLabel("Brugernavn").FillAsync(user);
        await page.GetByLabel("Adgangskode").FillAsync("demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log ind" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Login", StringComparison.Ordinal));
    }

    /// <summary>Gets the rows of the table marked <c>data-testid</c>.</summary>
    protected static ILocator Rows(IPage page, string table) => page.Locator($"table[data-testid={table}] tbody tr");

    /// <summary>Gets the page's main text.</summary>
    protected static Task<string> MainTextAsync(IPage page) => page.Locator("main").InnerTextAsync();
}
