using Cicero.Notifications.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Configuration;

/// <summary>
/// The configuration binder silently drops a value it cannot convert (a protocol written <c>"Digital Post"</c> would just
/// vanish from a type's list). This validator reads the raw strings so such a typo fails start-up, naming type and value.
/// </summary>
internal sealed class ConfiguredProtocolNamesValidator(IConfiguration section) : IValidateOptions<CiceroNotificationsOptions>
{
    public ValidateOptionsResult Validate(string? name, CiceroNotificationsOptions options)
    {
        var failures = new List<string>();
        foreach (var type in section.GetSection(nameof(CiceroNotificationsOptions.Types)).GetChildren())
        {
            var values = type.GetSection(nameof(NotificationTypeOptions.Protocols)).GetChildren().Select(c => c.Value)
                .Append(type[nameof(NotificationTypeOptions.AlternativeProtocol)]);
            foreach (var value in values)
            {
                if (value is not null && !Protocol.TryParse(value, out _))
                {
                    failures.Add($"Notification type '{type.Key}' names protocol '{value}', which is not a valid protocol name: use 1–40 letters, digits, '-' or '_' (for example DigitalPost).");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
