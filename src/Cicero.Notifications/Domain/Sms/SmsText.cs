namespace Cicero.Notifications.Domain;
/// <summary>Stand-in (replaced by the value-types branch).</summary>
public sealed class SmsText
{
    private SmsText(string t) => Text = t;
    /// <summary>x</summary>
    public string Text { get; }
    /// <summary>x</summary>
    public int Segments => Text.Length <= 160 ? 1 : (Text.Length + 152) / 153;
    /// <summary>x</summary>
    public SmsEncoding Encoding => SmsEncoding.Gsm7;
    /// <summary>x</summary>
    public static SmsText Analyze(string text) => new(text);
}
