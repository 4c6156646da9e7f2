using System.Security.Claims;
using Cicero.Notifications.Samples.Web.Sample;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cicero.Notifications.Samples.Web.Pages;

/// <summary>The sample's login: two demo staff users. A real host signs staff in with its own scheme.</summary>
public sealed class LoginModel : PageModel
{
    /// <summary>Gets where to go after signing in.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Gets the error to show.</summary>
    public string? Error { get; private set; }

    /// <summary>Signs a demo user in.</summary>
    public async Task<IActionResult> OnPostAsync(string? user, string? password)
    {
        if (user is null || !Program.StaffUsers.TryGetValue(user, out var name) || password != Program.DemoPassword)
        {
            Error = Ui.T("Forkert brugernavn eller adgangskode.", "Wrong user name or password.");
            return Page();
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, user), new Claim(ClaimTypes.NameIdentifier, user), new Claim("display_name", name)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    /// <summary>Signs out.</summary>
    public async Task<IActionResult> OnPostLogoutAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return RedirectToPage("/Login");
    }
}
