using System.Text.Json;
using Cicero.Notifications.Sending;

namespace Cicero.Notifications.Tests.Sending;

public sealed class TemplateDataJsonTests
{
    [Fact]
    public void Stored_template_data_reads_back_with_dates_as_dates()
    {
        var json = TemplateDataJson.Write(new Dictionary<string, object?>
        {
            ["title"] = "Kongens Fald",
            ["due_date"] = new DateOnly(2026, 3, 20),
            ["sent_at"] = new DateTimeOffset(2026, 3, 20, 14, 30, 0, TimeSpan.FromHours(1)),
            ["copies"] = 2,
        });

        var data = TemplateDataJson.Read(json);

        data["due_date"].Should().Be(new DateOnly(2026, 3, 20));
        data["sent_at"].Should().Be(new DateTimeOffset(2026, 3, 20, 14, 30, 0, TimeSpan.FromHours(1)));
        ((JsonElement)data["title"]!).GetString().Should().Be("Kongens Fald");
        ((JsonElement)data["copies"]!).GetInt32().Should().Be(2);
    }

    [Fact]
    public void Text_that_only_starts_like_a_date_stays_text()
    {
        var data = TemplateDataJson.Read(TemplateDataJson.Write(new Dictionary<string, object?> { ["title"] = "2026-03-20: Årsberetning" }));

        ((JsonElement)data["title"]!).GetString().Should().Be("2026-03-20: Årsberetning");
    }

    [Fact]
    public void Lists_and_nested_objects_are_written_as_json()
    {
        var json = TemplateDataJson.Write(new Dictionary<string, object?>
        {
            ["titles"] = new[] { "A", "B" },
            ["branch"] = new Dictionary<string, object?> { ["name"] = "Hovedbiblioteket", ["open"] = true },
        });

        json.Should().Be("""{"titles":["A","B"],"branch":{"name":"Hovedbiblioteket","open":true}}""");
    }

    [Fact]
    public void Danish_text_is_escaped_as_the_json_writer_escapes_it()
    {
        var data = new Dictionary<string, object?> { ["title"] = "Blå bog & \"Ærø\" <1>", ["copies"] = 2, ["late"] = false, ["note"] = null };

        TemplateDataJson.Write(data).Should().Be("""{"title":"Bl\u00E5 bog \u0026 \u0022\u00C6r\u00F8\u0022 \u003C1\u003E","copies":2,"late":false,"note":null}""");
    }
}
