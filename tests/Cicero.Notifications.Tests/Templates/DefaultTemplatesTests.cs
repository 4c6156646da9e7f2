using Cicero.Notifications.Domain;
using Cicero.Notifications.Templates;
using static Cicero.Notifications.Tests.Templates.TemplateTestKit;

namespace Cicero.Notifications.Tests.Templates;

public sealed class DefaultTemplatesTests
{
    private const string GsmBasic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    public static TheoryData<string, string, string> ShippedTemplates()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var template in DefaultTemplates.All)
        {
            data.Add(template.Type.Name, template.Protocol.Name, template.Culture);
        }

        return data;
    }

    [Fact]
    public void Every_built_in_type_ships_in_danish_and_english_on_its_protocols()
    {
        var shipped = DefaultTemplates.All.Select(t => $"{t.Type}/{t.Protocol}/{t.Culture}").ToList();

        var expected = from culture in new[] { "da", "en" }
                       from type in NotificationType.BuiltIn
                       from protocol in type == NotificationType.EmailVerification ? [Protocol.Email] : Protocol.BuiltIn
                       select $"{type}/{protocol}/{culture}";
        shipped.Should().BeEquivalentTo(expected);
    }

    [Theory]
    [MemberData(nameof(ShippedTemplates))]
    public void Every_shipped_template_renders_with_its_documented_variables(string type, string protocol, string culture)
    {
        var renderer = Renderer();
        var notificationType = NotificationType.Parse(type);

        var rendered = renderer.Render(notificationType, Protocol.Parse(protocol), culture, DocumentedData(notificationType));

        rendered.Body.Should().NotContain("{{").And.Contain("Testrup Bibliotek");
        (rendered.Subject is null).Should().Be(protocol == "Sms");
        (rendered.HtmlBody is null).Should().Be(protocol != "Email");
        rendered.HtmlBody?.Should().StartWith("<!DOCTYPE html>").And.Contain($"<html lang=\"{culture}\">").And.NotContain("{{");
    }

    [Theory]
    [InlineData("da")]
    [InlineData("en")]
    public void Shipped_sms_texts_are_gsm_7_and_at_most_two_segments(string culture)
    {
        var renderer = Renderer();

        foreach (var type in NotificationType.BuiltIn.Where(t => t != NotificationType.EmailVerification))
        {
            var data = DocumentedData(type);
            data["title"] = "Harry Potter og De Vises Sten (illustreret udgave)";
            data["library_name"] = "Københavns Biblioteker";

            var body = renderer.Render(type, Protocol.Sms, culture, data).Body;

            body.Where(c => !GsmBasic.Contains(c)).Should().BeEmpty($"{type} in {culture} should be plain GSM 7-bit");
            body.Length.Should().BeLessThanOrEqualTo(2 * 153, $"{type} in {culture} should fit two segments");
        }
    }

    [Theory]
    [InlineData("ReservationReady", "da")]
    [InlineData("ReservationReady", "en")]
    [InlineData("DueDateReminder", "da")]
    [InlineData("DueDateReminder", "en")]
    public void Reservation_and_reminder_templates_list_every_item_of_a_digest(string type, string culture)
    {
        var renderer = Renderer();
        var notificationType = NotificationType.Parse(type);
        var titles = new[] { "Kaptajn Klo", "Havbrevene", "Løgneren" };
        var data = DocumentedData(notificationType);
        data["items"] = titles.Select((title, i) => new Dictionary<string, object?>(data) { ["title"] = title, ["pickup_by"] = new DateOnly(2025, 3, 12 - i), ["due_date"] = new DateOnly(2025, 3, 12 - i) }).ToList();

        foreach (var protocol in Protocol.BuiltIn)
        {
            var rendered = renderer.Render(notificationType, protocol, culture, data);

            rendered.Body.Should().ContainAll(titles.Select(t => $"\"{t}\"")).And.NotContain("{{").And.Contain(culture == "da" ? "10. marts 2025" : "10 March 2025");
            rendered.Subject?.Should().Contain("3");
            rendered.HtmlBody?.Should().ContainAll(titles).And.NotContain("{{");
            if (protocol == Protocol.Sms)
            {
                rendered.Body.Where(c => !GsmBasic.Contains(c)).Should().BeEmpty();
                rendered.Body.Length.Should().BeLessThanOrEqualTo(2 * 153);
            }
        }
    }

    [Fact]
    public void The_danish_reservation_sms_reads_as_a_library_would_write_it()
    {
        var body = Renderer().Render(NotificationType.ReservationReady, Protocol.Sms, "da-DK", DocumentedData(NotificationType.ReservationReady)).Body;

        body.Should().Be("Testrup Bibliotek: Din reservering \"Kaptajn Klo\" er klar til afhentning. Hent den senest 12. marts 2025.");
    }

    [Fact]
    public void The_verification_email_links_the_address_and_encodes_it_in_html()
    {
        var data = DocumentedData(NotificationType.EmailVerification);
        data["verification_url"] = "https://bibliotek.example/verify?token=abc&x=1";

        var rendered = Renderer().Render(NotificationType.EmailVerification, Protocol.Email, "da", data);

        rendered.Subject.Should().Be("Bekræft din e-mailadresse");
        rendered.Body.Should().Contain("https://bibliotek.example/verify?token=abc&x=1").And.Contain("Linket udløber 12. marts 2025 kl. 14.30.");
        rendered.HtmlBody.Should().Contain(
            "<a href=\"https://bibliotek.example/verify?token=abc&amp;x=1\">https://bibliotek.example/verify?token=abc&amp;x=1</a>");
    }

    private static Dictionary<string, object?> DocumentedData(NotificationType type)
    {
        var values = new Dictionary<string, object?>
        {
            ["borrower_name"] = "Ida Jensen",
            ["title"] = "Kaptajn Klo",
            ["pickup_by"] = new DateOnly(2025, 3, 12),
            ["due_date"] = new DateOnly(2025, 3, 12),
            ["verification_url"] = "https://bibliotek.example/verify?token=abc",
            ["expires_at"] = new DateTimeOffset(2025, 3, 12, 14, 30, 0, TimeSpan.FromHours(1)),
        };
        return DefaultTemplates.Variables[type].ToDictionary(name => name, name => values[name]);
    }
}
