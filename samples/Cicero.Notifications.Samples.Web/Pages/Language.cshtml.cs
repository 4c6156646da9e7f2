using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cicero.Notifications.Samples.Web.Pages;

/// <summary>The language switch: remembers Danish or English in a cookie and goes back.</summary>
public sealed class LanguageModel : PageModel
{
    /// <summary>Sets the language cookie.</summary>
    public IActionResult OnGet(string? culture, string? returnUrl)
    {
        var chosen = culture == "en" ? "en" : "da";
        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365) });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
