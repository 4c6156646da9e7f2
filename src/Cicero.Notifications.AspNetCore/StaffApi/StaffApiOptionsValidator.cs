using Microsoft.Extensions.Options;

namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>Checks <see cref="StaffApiOptions"/> at start-up: a policy unless anonymous access is chosen, and a claim type.</summary>
internal sealed class StaffApiOptionsValidator : IValidateOptions<StaffApiOptions>
{
    public ValidateOptionsResult Validate(string? name, StaffApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (!options.AllowAnonymous && string.IsNullOrWhiteSpace(options.AuthorizationPolicy))
        {
            failures.Add("StaffApiOptions.AuthorizationPolicy is not set: name the authorization policy staff must satisfy (or set AllowAnonymous = true to serve the staff API without authorization).");
        }

        if (options.AllowAnonymous && !string.IsNullOrWhiteSpace(options.AuthorizationPolicy))
        {
            failures.Add($"StaffApiOptions.AllowAnonymous is true and AuthorizationPolicy is '{options.AuthorizationPolicy}': choose one.");
        }

        if (string.IsNullOrWhiteSpace(options.StaffIdClaimType))
        {
            failures.Add("StaffApiOptions.StaffIdClaimType is empty: name the claim type that holds the acting staff member's id.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
