using System.Globalization;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Staff;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Tests.Support;

namespace Cicero.Notifications.Tests.Staff;

/// <summary>
/// The details of a print run's document and list that the approved snapshots do not show: English texts, partial or odd
/// address data, Windows line breaks, and CSV quoting.
/// </summary>
public sealed class LetterRunDocumentTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Protocol Brev = Protocol.Parse("Brev");
    private static readonly NotificationType Campaign = NotificationType.Parse("Kampagne");
    private static readonly LetterRunRecord Run = new(Guid.Parse("01970000-0000-7000-8000-0000000000aa"), Brev, null, "en-GB", T0, []);

    [Fact]
    public void An_empty_run_and_an_anonymized_letter_say_so_in_English()
    {
        var english = Document("en-GB");

        english.Html(Run, []).Should().Contain("<p>No letters were waiting.</p>");
        english.Html(Run, [Letter("""{"recipient_name":"Ida Jensen"}""").Anonymize(T0)]).Should().Contain("<p>The content of this letter has been anonymized.</p>");
    }

    [Fact]
    public void A_recipient_name_alone_is_printed_and_values_of_the_wrong_kind_are_left_out()
    {
        var danish = Document("da-DK");

        danish.Html(Run, [Letter("""{"recipient_name":"Ida Jensen"}""")]).Should().Contain("<div class=\"address\"><p>Ida Jensen</p></div>");
        danish.Html(Run, [Letter("""{"recipient_name":42,"address_lines":"Storgade 1"}""")]).Should().Contain("<div class=\"address\"></div>");
    }

    [Fact]
    public void Paragraphs_split_the_same_on_windows_line_breaks()
    {
        var html = Document("da-DK").Html(Run, [Letter(null, "Kære låner\r\n\r\nBogen er klar.\r\nHent den i dag.")]);

        html.Should().Contain("<p>Kære låner</p>\n<p>Bogen er klar.<br>\nHent den i dag.</p>");
    }

    [Fact]
    public void A_list_value_with_a_quote_or_comma_is_quoted()
    {
        var letter = Letter(null);

        var csv = Document("da-DK").Csv([letter]);

        csv.Should().Be($"besked_id,laaner,type,filial\r\n{letter.Id},B-1,\"\"\"Sommer\"\", børn\",\r\n");
    }

    private static Message Letter(string? templateData, string body = "Din bog er klar.")
        => Message.CreatePending(MessageId.New(T0), BorrowerId.Parse("B-1"), Campaign, Brev, null, new MessageContent("Klar", body, templateData), "da-DK", T0);

    private static LetterRunDocument Document(string culture)
        => new("Eksempelby Bibliotek", CultureInfo.GetCultureInfo(culture), TimeZoneInfo.Utc, StaffViews.For(o =>
        {
            o.UserDefinedProtocols.Add(new UserDefinedProtocolOptions { Name = "Brev", Address = ProtocolAddress.None, Delivery = ProtocolDelivery.Collected });
            o.Types["Kampagne"] = new NotificationTypeOptions { DisplayNameDa = "\"Sommer\", børn", DisplayNameEn = "Summer", Protocols = { Brev } };
        }));
}
