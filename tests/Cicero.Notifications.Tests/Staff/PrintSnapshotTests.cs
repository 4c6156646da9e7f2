using System.Globalization;
using Cicero.Notifications.Domain;
using Cicero.Notifications.TestSupport;

namespace Cicero.Notifications.Tests.Staff;

/// <summary>The printed HTML and text of representative messages, in Danish and English, approved as snapshots.</summary>
public sealed class PrintSnapshotTests
{
    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var message in new[] { "SmsSent", "EmailFailed", "DigitalPostHandled", "Anonymized" })
        {
            cases.Add(message, "da-DK");
            cases.Add(message, "en-GB");
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Printed_html_matches_the_approved_snapshot(string message, string culture)
    {
        using var host = new StaffHost();
        host.Clock.SetUtcNow(PrintedMessages.PrintedAt);

        var printed = host.Printer.Print(Message(message), CultureInfo.GetCultureInfo(culture));

        Approved.Match(printed.Html, $"Print.{message}.{culture}.html");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Printed_text_matches_the_approved_snapshot(string message, string culture)
    {
        using var host = new StaffHost();
        host.Clock.SetUtcNow(PrintedMessages.PrintedAt);

        var printed = host.Printer.Print(Message(message), CultureInfo.GetCultureInfo(culture));

        Approved.Match(printed.Text, $"Print.{message}.{culture}.txt");
    }

    private static Message Message(string name) => name switch
    {
        "SmsSent" => PrintedMessages.SmsSent(),
        "EmailFailed" => PrintedMessages.EmailFailed(),
        "DigitalPostHandled" => PrintedMessages.DigitalPostHandled(),
        _ => PrintedMessages.Anonymized(),
    };
}
