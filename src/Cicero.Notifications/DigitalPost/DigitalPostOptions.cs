namespace Cicero.Notifications.DigitalPost;

/// <summary>The sender side of Digital Post letters.</summary>
public class DigitalPostOptions
{
    /// <summary>Gets or sets the library's (the municipality's) CVR number, the letters' <c>Sender/senderID</c>. Required; checked at start.</summary>
    /// <value>The default value is an empty string, which validation rejects.</value>
    public string SenderCvr { get; set; } = "";

    /// <summary>Gets or sets the sender's name shown to the recipient (<c>Sender/label</c>).</summary>
    /// <value>The default value is <see langword="null"/>: <see cref="CiceroNotificationsOptions.LibraryName"/>.</value>
    public string? SenderLabel { get; set; }

    /// <summary>Gets or sets the file name of the letter's main document (the message body as text).</summary>
    /// <value>The default value is <c>"Besked.txt"</c>.</value>
    public string FileName { get; set; } = "Besked.txt";
}
