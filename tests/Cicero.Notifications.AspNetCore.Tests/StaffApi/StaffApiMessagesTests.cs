using System.Net;
using Cicero.Notifications.Domain;
using static Cicero.Notifications.Testing.TestData;

namespace Cicero.Notifications.AspNetCore.Tests.StaffApi;

/// <summary>The borrower's messages over HTTP: the list with filter and paging, one message with its ETag, and printing.</summary>
public sealed class StaffApiMessagesTests
{
    [Fact]
    public async Task Borrower_messages_are_listed_newest_first_with_stable_codes_and_Danish_display_names()
    {
        await using var api = await StaffApiHost.StartAsync();
        var borrower = NewBorrower();
        var older = await api.AddAsync(Failed(borrower, T0));
        var newer = await api.AddAsync(Sent(borrower, T0.AddHours(1)));

        var json = await (await api.GetAsync($"/borrowers/{borrower.Value}/messages")).ShouldBeOkJsonAsync();

        var items = json["items"]!.AsArray();
        items.Select(i => i!["id"]!.GetValue<string>()).Should().Equal(newer.Id.ToString(), older.Id.ToString());
        var failed = items[1]!;
        (failed["status"]!.GetValue<string>(), failed["statusDisplayName"]!.GetValue<string>()).Should().Be(("Failed", "Fejlet"));
        (failed["protocol"]!.GetValue<string>(), failed["protocolDisplayName"]!.GetValue<string>()).Should().Be(("Sms", "SMS"));
        (failed["failureKind"]!.GetValue<string>(), failed["failureKindDisplayName"]!.GetValue<string>()).Should().Be(("Rejected", "Afvist"));
        failed["type"]!.GetValue<string>().Should().Be("ReservationReady");
        failed["availableActions"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Equal("Retry", "Reroute", "MarkHandled", "Dismiss");
        failed["history"]!.AsArray().Select(h => h!["event"]!.GetValue<string>()).Should().Equal("Created", "Failed");
        json["continuation"].Should().BeNull();
    }

    [Fact]
    public async Task Display_names_follow_Accept_Language_English()
    {
        await using var api = await StaffApiHost.StartAsync();
        var borrower = NewBorrower();
        await api.AddAsync(Failed(borrower, T0));

        var json = await (await api.GetAsync($"/borrowers/{borrower.Value}/messages", "en-GB, da;q=0.5")).ShouldBeOkJsonAsync();

        var row = json["items"]![0]!;
        (row["status"]!.GetValue<string>(), row["statusDisplayName"]!.GetValue<string>()).Should().Be(("Failed", "Failed"));
        row["failureKindDisplayName"]!.GetValue<string>().Should().Be("Rejected");
    }

    [Fact]
    public async Task Status_filter_and_paging_walk_the_list_one_page_at_a_time()
    {
        await using var api = await StaffApiHost.StartAsync();
        var borrower = NewBorrower();
        var first = await api.AddAsync(Failed(borrower, T0));
        await api.AddAsync(Sent(borrower, T0.AddMinutes(1)));
        var second = await api.AddAsync(Failed(borrower, T0.AddMinutes(2)));

        var page1 = await (await api.GetAsync($"/borrowers/{borrower.Value}/messages?status=Failed&pageSize=1")).ShouldBeOkJsonAsync();
        var continuation = Uri.EscapeDataString(page1["continuation"]!.GetValue<string>());
        var page2 = await (await api.GetAsync($"/borrowers/{borrower.Value}/messages?status=Failed&pageSize=1&continuation={continuation}")).ShouldBeOkJsonAsync();

        page1["items"]!.AsArray().Single()!["id"]!.GetValue<string>().Should().Be(second.Id.ToString());
        page2["items"]!.AsArray().Single()!["id"]!.GetValue<string>().Should().Be(first.Id.ToString());
    }

    [Theory]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=1001")]
    [InlineData("continuation=not-issued-by-the-api")]
    public async Task A_page_size_out_of_range_or_a_foreign_continuation_is_400(string query)
    {
        await using var api = await StaffApiHost.StartAsync();

        var response = await api.GetAsync($"/borrowers/B-1/messages?{query}");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "InvalidRequest");
    }

    [Fact]
    public async Task One_message_comes_with_its_version_as_a_strong_ETag_and_no_store()
    {
        await using var api = await StaffApiHost.StartAsync();
        var message = await api.AddAsync(Failed(NewBorrower(), T0));

        var response = await api.GetAsync($"/messages/{message.Id}");

        var json = await response.ShouldBeOkJsonAsync();
        json["id"]!.GetValue<string>().Should().Be(message.Id.ToString());
        response.Headers.ETag!.ToString().Should().Be($"\"{message.Version}\"");
        response.Headers.CacheControl!.NoStore.Should().BeTrue("staff API responses hold personal data");
    }

    [Fact]
    public async Task An_unknown_message_is_404_with_code_NotFound()
    {
        await using var api = await StaffApiHost.StartAsync();

        var response = await api.GetAsync($"/messages/{MessageId.New(T0)}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "NotFound");
    }

    [Fact]
    public async Task A_CPR_recipient_is_masked_in_the_message_json()
    {
        await using var api = await StaffApiHost.StartAsync();
        var message = await api.AddAsync(Message.CreatePending(
            MessageId.New(T0), NewBorrower(), NotificationType.ReservationReady, Protocol.DigitalPost, MessageRecipient.Person(PersonCpr), Content(), "da-DK", T0));

        var response = await api.GetAsync($"/messages/{message.Id}");

        var text = await response.Content.ReadAsStringAsync();
        text.Should().Contain(PersonCpr.Masked).And.NotContain(PersonCpr.Value);
    }

    [Fact]
    public async Task A_borrower_id_that_is_a_CPR_number_is_shown_masked_beside_the_id()
    {
        await using var api = await StaffApiHost.StartAsync();
        var message = await api.AddAsync(Failed(BorrowerId.Parse("0707614285"), T0));

        var json = await (await api.GetAsync($"/messages/{message.Id}")).ShouldBeOkJsonAsync();

        (json["borrowerId"]!.GetValue<string>(), json["borrowerDisplay"]!.GetValue<string>()).Should().Be(("0707614285", "070761-xxxx"));
    }

    [Fact]
    public async Task Print_as_HTML_is_a_self_contained_page_that_may_not_load_anything()
    {
        await using var api = await StaffApiHost.StartAsync();
        var message = await api.AddAsync(Failed(NewBorrower(), T0));

        var response = await api.GetAsync($"/messages/{message.Id}/print.html");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().StartWith("default-src 'none'");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("<html").And.Contain("Din reservering er klar").And.Contain("Aarhus Bibliotekerne");
    }

    [Fact]
    public async Task Print_as_text_masks_a_CPR_recipient()
    {
        await using var api = await StaffApiHost.StartAsync();
        var message = await api.AddAsync(Message.CreatePending(
            MessageId.New(T0), NewBorrower(), NotificationType.ReservationReady, Protocol.DigitalPost, MessageRecipient.Person(PersonCpr), Content(), "da-DK", T0));

        var response = await api.GetAsync($"/messages/{message.Id}/print.txt");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        var text = await response.Content.ReadAsStringAsync();
        text.Should().Contain("Din reservering er klar").And.Contain(PersonCpr.Masked).And.NotContain(PersonCpr.Value);
    }

    [Fact]
    public async Task Printing_an_unknown_message_is_404()
    {
        await using var api = await StaffApiHost.StartAsync();

        var response = await api.GetAsync($"/messages/{MessageId.New(T0)}/print.html");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "NotFound");
    }
}
