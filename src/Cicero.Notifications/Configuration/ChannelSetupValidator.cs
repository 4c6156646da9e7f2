using Cicero.Notifications.Domain;
using Cicero.Notifications.Sending;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Configuration;

/// <summary>
/// At start-up: every protocol a type uses has exactly one channel, and every channel's protocol is known. A protocol that
/// is unknown is reported once (by the options validator when a type uses it), never again as "no channel".
/// </summary>
internal sealed class ChannelSetupValidator(IEnumerable<ChannelRegistration> registrations) : IValidateOptions<CiceroNotificationsOptions>
{
    public ValidateOptionsResult Validate(string? name, CiceroNotificationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var known = ProtocolCatalog.CreateLenient(options.UserDefinedProtocols);
        var usedByTypes = options.Types.Values.OfType<NotificationTypeOptions>()
            .SelectMany(t => t.AllProtocols).ToHashSet();
        var byProtocol = registrations.GroupBy(r => r.Protocol).ToDictionary(g => g.Key, g => g.ToList());

        foreach (var (protocol, channels) in byProtocol)
        {
            if (!known.Contains(protocol))
            {
                // A type naming the same unknown protocol already reports it.
                if (!usedByTypes.Contains(protocol))
                {
                    failures.Add($"A channel ({string.Join(", ", channels.Select(c => c.ImplementationType.Name).Distinct())}) is registered for unknown protocol '{protocol}': {SetupMessages.UseAKnownProtocol(protocol, known)}");
                }

                continue;
            }

            if (known.IsCollected(protocol))
            {
                failures.Add($"A channel ({string.Join(", ", channels.Select(c => c.ImplementationType.Name).Distinct())}) is registered for protocol '{protocol}', whose letters staff collect (Delivery: Collected): remove the channel or the setting.");
                continue;
            }

            if (channels.Count > 1)
            {
                failures.Add($"Protocol '{protocol}' has {channels.Count} channels ({string.Join(", ", channels.Select(c => c.ImplementationType.Name))}): register one channel per protocol.");
            }
        }

        foreach (var (typeName, type) in options.Types)
        {
            foreach (var protocol in type.AllProtocols)
            {
                if (known.Contains(protocol) && !known.IsCollected(protocol) && !byProtocol.ContainsKey(protocol))
                {
                    failures.Add($"Notification type '{typeName}' uses protocol '{protocol}', which has no channel: {HowToRegister(protocol)}");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string HowToRegister(Protocol protocol)
        => protocol == Protocol.DigitalPost
            ? "register one with AddDigitalPost<TTransport>(…), which sends MeMo letters through your IDigitalPostTransport."
            : $"register one with AddChannel<TChannel>(Protocol.Parse(\"{protocol}\")).";
}
