using System.Net;
using Cicero.Notifications.Domain;
using static Cicero.Notifications.Testing.TestData;

namespace Cicero.Notifications.AspNetCore.Tests.StaffApi;

/// <summary>Print runs over HTTP: collect the waiting letters, fetch the run's document and CSV again, and the refusals.</summary>
public sealed class StaffApiLetterRunTests
{
    [Fact]
    public async Task A_run_collects_the_waiting_letters_and_its_document_and_list_can_be_fetched_again()
    {
        await using var api = await StaffApiHost.StartAsync();
        var borrower = NewBorrower();
        var first = await api.AddAsync(LetterFor(borrower, T0));
        var second = await api.AddAsync(LetterFor(borrower, T0.AddSeconds(1)));

        var created = await api.PostAsync("/letter-runs", new { protocol = "brev" });
        var json = await StaffApiHost.JsonAsync(created);
        var html = await api.GetAsync($"/letter-runs/{json["id"]}/letters.html");
        var csv = await api.GetAsync($"/letter-runs/{json["id"]}/letters.csv");
        var again = await StaffApiHost.JsonAsync(await api.PostAsync("/letter-runs", new { protocol = "Brev" }));

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Headers.Location!.ToString().Should().Be(json["htmlUrl"]!.GetValue<string>()).And.EndWith($"/letter-runs/{json["id"]}/letters.html");
        json["messageIds"]!.AsArray().Select(i => i!.GetValue<string>()).Should().Equal(first.Id.ToString(), second.Id.ToString());
        var stored = (await api.GetStoredAsync(first.Id))!;
        stored.Status.Should().Be(MessageStatus.Sent);
        stored.History[^1].Should().Match<MessageHistoryEntry>(e => e.Event == MessageEvent.Collected && e.Actor == StaffApiHost.Staff, "the run records the authenticated staff member");
        html.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        html.Headers.GetValues("Content-Security-Policy").Single().Should().StartWith("default-src 'none'");
        (await html.Content.ReadAsStringAsync()).Should().Contain("<section class=\"letter\">");
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        (await csv.Content.ReadAsStringAsync()).Should().StartWith("besked_id,laaner,type,filial\r\n" + first.Id);
        again["messageIds"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task A_protocol_that_is_not_collected_or_an_unknown_branch_is_422_and_an_unknown_run_404()
    {
        await using var api = await StaffApiHost.StartAsync();

        await (await api.PostAsync("/letter-runs", new { protocol = "Sms" })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "InvalidValue");
        await (await api.PostAsync("/letter-runs", new { protocol = "Brev", branch = "Filial-Syd" })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "InvalidValue");
        await (await api.PostAsync("/letter-runs", new { protocol = "not a protocol!" })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await api.GetAsync($"/letter-runs/{Guid.NewGuid()}/letters.html")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "LetterRunNotFound");
    }

    [Fact]
    public async Task The_kept_runs_are_listed_newest_first_with_their_documents_in_the_requests_language()
    {
        await using var api = await StaffApiHost.StartAsync();
        var borrower = NewBorrower();
        await api.AddAsync(LetterFor(borrower, T0));
        var first = await StaffApiHost.JsonAsync(await api.PostAsync("/letter-runs", new { protocol = "Brev" }));
        api.Host.Time.Advance(TimeSpan.FromMinutes(5));
        await api.AddAsync(LetterFor(borrower, T0.AddSeconds(1)));
        await api.AddAsync(LetterFor(borrower, T0.AddSeconds(2)));
        var second = await StaffApiHost.JsonAsync(await api.PostAsync("/letter-runs", new { protocol = "Brev" }));

        var response = await api.GetAsync("/letter-runs", "en");
        var items = (await StaffApiHost.JsonAsync(response))["items"]!.AsArray();
        var one = (await StaffApiHost.JsonAsync(await api.GetAsync("/letter-runs?limit=1")))["items"]!.AsArray();
        var document = await api.Client.GetAsync(items[1]!["htmlUrl"]!.GetValue<string>());

        response.Headers.Vary.Should().Contain("Accept-Language");
        items.Select(i => i!["id"]!.GetValue<string>()).Should().Equal(second["id"]!.GetValue<string>(), first["id"]!.GetValue<string>());
        items[0]!["letterCount"]!.GetValue<int>().Should().Be(2);
        (items[0]!["protocol"]!.GetValue<string>(), items[0]!["protocolDisplayName"]!.GetValue<string>()).Should().Be(("Brev", "Letter"));
        items[1]!["csvUrl"]!.GetValue<string>().Should().EndWith($"/letter-runs/{first["id"]}/letters.csv");
        one.Should().ContainSingle();
        document.StatusCode.Should().Be(HttpStatusCode.OK);
        (await document.Content.ReadAsStringAsync()).Should().Contain("<section class=\"letter\">");
        await (await api.GetAsync("/letter-runs?limit=0")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await api.GetAsync("/letter-runs?limit=101")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_staff_id_claim_the_library_cannot_record_is_403_and_no_letter_is_taken()
    {
        await using var api = await StaffApiHost.StartAsync();
        var letter = await api.AddAsync(LetterFor(NewBorrower(), T0));
        api.ActAs("system");

        var response = await api.PostAsync("/letter-runs", new { protocol = "Brev" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "InvalidStaffId");
        (await api.GetStoredAsync(letter.Id))!.Status.Should().Be(MessageStatus.Pending);
    }

    private static Message LetterFor(BorrowerId borrower, DateTimeOffset createdAt)
        => Message.CreatePending(MessageId.New(createdAt), borrower, NotificationType.ReservationReady, StaffApiHost.Letter, null, Content(), "da-DK", createdAt);
}
