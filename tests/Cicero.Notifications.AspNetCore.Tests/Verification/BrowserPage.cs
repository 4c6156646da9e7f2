namespace Cicero.Notifications.AspNetCore.Tests.Verification;

/// <summary>What a browser has after opening the page: the HTML, its cookies, the form's hidden fields and where it posts.</summary>
internal sealed record BrowserPage(string Html, string Cookies, IReadOnlyDictionary<string, string> Fields, string Action);
