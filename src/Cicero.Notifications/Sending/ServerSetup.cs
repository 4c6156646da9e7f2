using Cicero.Notifications.Domain;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Sending;

/// <summary>The validated server setup, parsed once: the protocol catalog and each type's setup by <see cref="NotificationType"/>.</summary>
internal sealed class ServerSetup
{
    private readonly Dictionary<NotificationType, NotificationTypeOptions> _types = [];
    private readonly Dictionary<string, string> _branchCodes = new(StringComparer.OrdinalIgnoreCase);

    public ServerSetup(IOptions<CiceroNotificationsOptions> options)
    {
        Options = options.Value;
        Catalog = ProtocolCatalog.Create(Options.UserDefinedProtocols);
        foreach (var (name, type) in Options.Types)
        {
            _types[NotificationType.Parse(name)] = type;
        }

        foreach (var code in Options.Branches.Keys)
        {
            _branchCodes[code] = code;
        }
    }

    public CiceroNotificationsOptions Options { get; }

    public ProtocolCatalog Catalog { get; }

    public NotificationTypeOptions? Find(NotificationType type) => _types.GetValueOrDefault(type);

    /// <summary>Gets a branch code as the options spell it, or <see langword="null"/> when the branch is not set up.</summary>
    public string? FindBranch(string code) => _branchCodes.GetValueOrDefault(code);

    /// <summary>Gets the culture to render in: the notification's, else the borrower's preferred one, else the library's default.</summary>
    public string CultureFor(string? requested, BorrowerProfile? profile)
        => requested ?? profile?.PreferredCulture ?? Options.DefaultCulture;
}
