namespace Cicero.Notifications.Staff;

/// <summary>The two forms of a printed message.</summary>
internal enum PrintFormat
{
    /// <summary>A self-contained HTML page; values are HTML-encoded as they are written.</summary>
    Html = 0,

    /// <summary>Plain text.</summary>
    Text = 1,
}
