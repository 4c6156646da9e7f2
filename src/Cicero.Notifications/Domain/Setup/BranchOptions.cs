namespace Cicero.Notifications.Domain;

/// <summary>
/// A branch of the library (<em>filial</em>): the pickup or home library a notification concerns, named by a short code
/// the host chooses (the key in <see cref="CiceroNotificationsOptions.Branches"/>, such as <c>HB</c> or <c>Filial-Nord</c>).
/// </summary>
/// <remarks>Plain settable properties, bindable from configuration.</remarks>
public class BranchOptions
{
    /// <summary>Gets or sets the Danish display name shown to staff and on printed messages (for example <c>Hovedbiblioteket</c>).</summary>
    /// <value>The default value is <see langword="null"/>: the code is shown.</value>
    public string? DisplayNameDa { get; set; }

    /// <summary>Gets or sets the English display name (for example <c>Main library</c>).</summary>
    /// <value>The default value is <see langword="null"/>: the code is shown.</value>
    public string? DisplayNameEn { get; set; }
}
