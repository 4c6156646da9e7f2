using Cicero.Notifications.Domain;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Configuration;

/// <summary>Checks at start-up that quiet hours name protocols the library knows (a misspelt one would silently never apply).</summary>
internal sealed class QuietHoursOptionsValidator : IValidateOptions<CiceroNotificationsOptions>
{
    public ValidateOptionsResult Validate(string? name, CiceroNotificationsOptions options)
    {
        var known = Protocol.BuiltIn.Select(p => p.Name).Concat(options.UserDefinedProtocols.Select(p => p.Name))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var failures = new List<string>();
        Check("QuietHours", options.QuietHours.Keys);
        foreach (var (type, setup) in options.Types)
        {
            Check($"Types:{type}:QuietHours", setup.QuietHours.Keys);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Check(string path, IEnumerable<string> protocols)
        {
            foreach (var protocol in protocols.Where(p => !known.Contains(p)))
            {
                failures.Add($"{path}:{protocol} is not a protocol: use {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
            }
        }
    }
}
