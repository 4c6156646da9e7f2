using Cicero.Notifications.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Configuration;

/// <summary>
/// Puts back what the configuration binder dropped because one value would not convert: a notification type whose
/// <c>AlternativeProtocol</c> is not a protocol name (the binder drops the whole type), a user-defined protocol whose
/// <c>Address</c> is not a <see cref="ProtocolAddress"/> or whose <c>Delivery</c> is not a <see cref="ProtocolDelivery"/>
/// (dropped whole), and marks a type whose protocol names were
/// dropped. <see cref="ConfiguredProtocolNamesValidator"/> reports the bad value; without this repair the missing type
/// or protocol would add errors of its own ("no protocols", "unknown protocol") for the same mistake.
/// </summary>
internal sealed class ConfigurationBindingRepair(IConfiguration section) : IPostConfigureOptions<CiceroNotificationsOptions>
{
    public void PostConfigure(string? name, CiceroNotificationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var raw in section.GetSection(nameof(CiceroNotificationsOptions.Types)).GetChildren())
        {
            var names = ProtocolNames(raw).OfType<string>().ToList();
            var dropped = names.Any(n => !Protocol.TryParse(n, out _));
            if (!options.Types.TryGetValue(raw.Key, out var type))
            {
                if (!dropped)
                {
                    continue;
                }

                type = new NotificationTypeOptions();
                foreach (var value in raw.GetSection(nameof(NotificationTypeOptions.Protocols)).GetChildren().Select(c => c.Value))
                {
                    if (Protocol.TryParse(value, out var protocol))
                    {
                        type.Protocols.Add(protocol);
                    }
                }

                options.Types[raw.Key] = type;
            }

            type.HasProtocolsTheBinderDropped |= dropped;
        }

        var definitions = section.GetSection(nameof(CiceroNotificationsOptions.UserDefinedProtocols)).GetChildren().ToList();
        for (var i = 0; i < definitions.Count && i <= options.UserDefinedProtocols.Count; i++)
        {
            var raw = definitions[i];
            var address = raw[nameof(UserDefinedProtocolOptions.Address)];
            var delivery = raw[nameof(UserDefinedProtocolOptions.Delivery)];
            var goodAddress = ProtocolAddress.None;
            var goodDelivery = ProtocolDelivery.Channel;
            if ((address is not null && !TryParseEnum(address, out goodAddress)) | (delivery is not null && !TryParseEnum(delivery, out goodDelivery)))
            {
                options.UserDefinedProtocols.Insert(i, new UserDefinedProtocolOptions
                {
                    Name = raw[nameof(UserDefinedProtocolOptions.Name)] ?? "",
                    DisplayNameDa = raw[nameof(UserDefinedProtocolOptions.DisplayNameDa)],
                    DisplayNameEn = raw[nameof(UserDefinedProtocolOptions.DisplayNameEn)],
                    Address = goodAddress,
                    Delivery = goodDelivery,
                });
            }
        }
    }

    /// <summary>The raw protocol names of a type in configuration: its protocols, its alternative (may be null), then its fallbacks.</summary>
    internal static IEnumerable<string?> ProtocolNames(IConfigurationSection type)
        => type.GetSection(nameof(NotificationTypeOptions.Protocols)).GetChildren().Select(c => c.Value)
            .Append(type[nameof(NotificationTypeOptions.AlternativeProtocol)])
            .Concat(type.GetSection(nameof(NotificationTypeOptions.Fallback)).GetChildren().Select(c => c.Value));

    /// <summary>Reads an enum value as the binder does (a name in any case, or a number).</summary>
    internal static bool TryParseEnum<TEnum>(string value, out TEnum result)
        where TEnum : struct, Enum
        => Enum.TryParse(value, ignoreCase: true, out result);
}
