using Cicero.Notifications.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Configuration;

/// <summary>
/// The configuration binder silently drops a value it cannot convert (a protocol written <c>"Digital Post"</c> would just
/// vanish from a type's list; a user-defined protocol with <c>"Address": "Phon"</c> would vanish whole). This validator
/// reads the raw strings so such a typo fails start-up, naming type and value; <see cref="ConfigurationBindingRepair"/>
/// puts back what was dropped, so the typo is the only error. It also refuses a configuration that sets up no notification
/// type.
/// </summary>
internal sealed class ConfiguredProtocolNamesValidator(IConfiguration section) : IValidateOptions<CiceroNotificationsOptions>
{
    public ValidateOptionsResult Validate(string? name, CiceroNotificationsOptions options)
    {
        var failures = new List<string>();

        // A setup read from configuration that sets up no type is a section that was misnamed or not filled in (the
        // sections of a code setup may start empty, for example to test a store).
        if (!section.GetSection(nameof(CiceroNotificationsOptions.Types)).GetChildren().Any())
        {
            failures.Add("Types is empty: set up at least one notification type, for example \"ReservationReady\" with \"Protocols\": [\"Sms\"].");
        }

        foreach (var type in section.GetSection(nameof(CiceroNotificationsOptions.Types)).GetChildren())
        {
            foreach (var value in ConfigurationBindingRepair.ProtocolNames(type))
            {
                if (value is not null && !Protocol.TryParse(value, out _))
                {
                    failures.Add($"Notification type '{type.Key}' names protocol '{value}', which is not a valid protocol name: use 1–40 letters, digits, '-' or '_' (for example DigitalPost).");
                }
            }
        }

        var index = 0;
        foreach (var definition in section.GetSection(nameof(CiceroNotificationsOptions.UserDefinedProtocols)).GetChildren())
        {
            var address = definition[nameof(UserDefinedProtocolOptions.Address)];
            if (address is not null && !ConfigurationBindingRepair.TryParseEnum<ProtocolAddress>(address, out _))
            {
                failures.Add($"UserDefinedProtocols[{index}].Address '{address}' is not a protocol address: use {string.Join(", ", Enum.GetNames<ProtocolAddress>())}.");
            }

            var delivery = definition[nameof(UserDefinedProtocolOptions.Delivery)];
            if (delivery is not null && !ConfigurationBindingRepair.TryParseEnum<ProtocolDelivery>(delivery, out _))
            {
                failures.Add($"UserDefinedProtocols[{index}].Delivery '{delivery}' is not a way of delivery: use {string.Join(", ", Enum.GetNames<ProtocolDelivery>())}.");
            }

            index++;
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
