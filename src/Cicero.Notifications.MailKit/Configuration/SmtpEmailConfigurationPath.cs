namespace Cicero.Notifications.MailKit;

/// <summary>The configuration path <c>AddSmtpEmail(IConfiguration)</c> bound the options from, for error messages.</summary>
/// <param name="Path">For example <c>Cicero:Notifications:Smtp</c>.</param>
internal sealed record SmtpEmailConfigurationPath(string Path);
