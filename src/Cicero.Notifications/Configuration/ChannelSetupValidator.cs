using Cicero.Notifications.Domain;
using Cicero.Notifications.Sending;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Configuration;

/// <summary>At start-up: every protocol a type uses has exactly one channel, and every channel's protocol is known.</summary>
internal sealed class ChannelSetupValidator(IEnumerable<ChannelRegistration> registrations) : IValidateOptions<CiceroNotificationsOptions>
{
    public ValidateOptionsResult Validate(string? name, CiceroNotificationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var byProtocol = registrations.GroupBy(r => r.Protocol).ToDictionary(g => g.Key, g => g.ToList());

        foreach (var (protocol, channels) in byProtocol)
        {
            if (channels.Count > 1)
            {
                failures.Add($"Protocol '{protocol}' has {channels.Count} channels ({string.Join(", ", channels.Select(c => c.ImplementationType.Name))}): register one channel per protocol.");
            }

            if (!protocol.IsBuiltIn && !options.UserDefinedProtocols.Any(d => Protocol.TryParse(d.Name, out var p) && p == protocol))
            {
                failures.Add($"A channel is registered for unknown protocol '{protocol}': define it in UserDefinedProtocols.");
            }
        }

        foreach (var (typeName, type) in options.Types)
        {
            foreach (var protocol in type.Protocols.Append(type.AlternativeProtocol).OfType<Protocol>())
            {
                if (!byProtocol.ContainsKey(protocol))
                {
                    failures.Add($"Notification type '{typeName}' uses protocol '{protocol}', which has no channel: register one with AddChannel<TChannel>(Protocol.Parse(\"{protocol}\")).");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
