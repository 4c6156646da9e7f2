using System.Net;
using Cicero.Notifications.Domain;
using static Cicero.Notifications.Testing.TestData;

namespace Cicero.Notifications.AspNetCore.Tests.StaffApi;

/// <summary>
/// The staff actions on one message over HTTP: each records the authenticated staff member, refusals are problems with the
/// library's refusal code, and If-Match with the message's ETag makes an action apply only to the version seen.
/// </summary>
public sealed class StaffApiActionTests
{
    [Fact]
    public async Task Retry_makes_a_failed_message_Pending_and_records_the_staff_id_from_the_claim()
    {
        await using var api = await StaffApiHost.StartAsync();
        var failed = await api.AddAsync(Failed(NewBorrower(), T0));

        var response = await api.PostAsync($"/messages/{failed.Id}/retry", new { note = "Gatewayen virker igen" });

        var json = await response.ShouldBeOkJsonAsync();
        json["status"]!.GetValue<string>().Should().Be("Pending");
        var stored = (await api.GetStoredAsync(failed.Id))!;
        stored.Status.Should().Be(MessageStatus.Pending);
        stored.History[^1].Should().Match<MessageHistoryEntry>(e => e.Event == MessageEvent.Retried && e.Actor == StaffApiHost.Staff && e.Reason == "Gatewayen virker igen");
        response.Headers.ETag!.ToString().Should().Be($"\"{stored.Version}\"");
    }

    [Fact]
    public async Task A_staff_id_in_the_body_is_ignored_the_authenticated_user_is_recorded()
    {
        await using var api = await StaffApiHost.StartAsync();
        var failed = await api.AddAsync(Failed(NewBorrower(), T0));
        api.ActAs("staff-42");

        var response = await api.PostAsync($"/messages/{failed.Id}/dismiss", new { note = "Dublet", staffId = "someone-else", actor = "someone-else" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.GetStoredAsync(failed.Id))!.History[^1].Actor.Should().Be("staff-42");
    }

    [Fact]
    public async Task Reroute_sends_the_message_on_another_protocol_to_the_borrowers_address()
    {
        await using var api = await StaffApiHost.StartAsync();
        var borrower = NewBorrower();
        await api.SaveReachableBorrowerAsync(borrower);
        var failed = await api.AddAsync(Failed(borrower, T0));

        var response = await api.PostAsync($"/messages/{failed.Id}/reroute", new { protocol = "Email", note = "Nummeret findes ikke" });

        var json = await response.ShouldBeOkJsonAsync();
        (json["protocol"]!.GetValue<string>(), json["protocolDisplayName"]!.GetValue<string>(), json["status"]!.GetValue<string>()).Should().Be(("Email", "E-mail", "Pending"));
        var stored = (await api.GetStoredAsync(failed.Id))!;
        (stored.Protocol, stored.History[^1].Event, stored.History[^1].Actor).Should().Be((Protocol.Email, MessageEvent.Rerouted, StaffApiHost.Staff));
    }

    [Fact]
    public async Task Mark_handled_makes_the_message_Sent_by_hand_with_the_note()
    {
        await using var api = await StaffApiHost.StartAsync();
        var failed = await api.AddAsync(Failed(NewBorrower(), T0));

        var response = await api.PostAsync($"/messages/{failed.Id}/mark-handled", new { note = "Udskrevet og sendt med posten" });

        var json = await response.ShouldBeOkJsonAsync();
        (json["status"]!.GetValue<string>(), json["statusDisplayName"]!.GetValue<string>(), json["isHandledManually"]!.GetValue<bool>()).Should().Be(("Sent", "Sendt", true));
        (await api.GetStoredAsync(failed.Id))!.History[^1].Should().Match<MessageHistoryEntry>(e => e.Event == MessageEvent.HandledManually && e.Actor == StaffApiHost.Staff && e.Reason == "Udskrevet og sendt med posten");
    }

    [Fact]
    public async Task Dismiss_takes_the_message_out_of_the_queue_without_a_body()
    {
        await using var api = await StaffApiHost.StartAsync();
        var failed = await api.AddAsync(Failed(NewBorrower(), T0));

        var response = await api.PostAsync($"/messages/{failed.Id}/dismiss");

        var json = await response.ShouldBeOkJsonAsync();
        (json["isDismissed"]!.GetValue<bool>(), json["status"]!.GetValue<string>()).Should().Be((true, "Failed"));
        json["availableActions"]!.AsArray().Select(a => a!.GetValue<string>()).Should().NotContain("Dismiss");
    }

    [Fact]
    public async Task Retrying_a_sent_message_is_409_with_the_refusal_code_InvalidState()
    {
        await using var api = await StaffApiHost.StartAsync();
        var sent = await api.AddAsync(Sent(NewBorrower(), T0));

        var response = await api.PostAsync($"/messages/{sent.Id}/retry");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "InvalidState");
        problem["detail"]!.GetValue<string>().Should().Contain("only Failed and MissingContactInfo messages can be retried");
        (await api.GetStoredAsync(sent.Id))!.Version.Should().Be(sent.Version, "a refused action changes nothing");
    }

    [Fact]
    public async Task Rerouting_to_a_protocol_the_borrower_has_no_address_for_is_422_with_code_NoAddress()
    {
        await using var api = await StaffApiHost.StartAsync();
        var failed = await api.AddAsync(Failed(NewBorrower(), T0));

        var response = await api.PostAsync($"/messages/{failed.Id}/reroute", new { protocol = "Email" });

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "NoAddress");
    }

    [Fact]
    public async Task Rerouting_to_a_protocol_the_library_does_not_know_is_422_with_code_UnknownProtocol()
    {
        await using var api = await StaffApiHost.StartAsync();
        var failed = await api.AddAsync(Failed(NewBorrower(), T0));

        var response = await api.PostAsync($"/messages/{failed.Id}/reroute", new { protocol = "Fax" });

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "UnknownProtocol");
    }

    [Fact]
    public async Task Rerouting_to_a_malformed_protocol_name_is_422_with_code_InvalidValue()
    {
        await using var api = await StaffApiHost.StartAsync();
        var failed = await api.AddAsync(Failed(NewBorrower(), T0));

        var response = await api.PostAsync($"/messages/{failed.Id}/reroute", new { protocol = "not a protocol!" });

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "InvalidValue");
    }

    [Fact]
    public async Task An_action_on_an_unknown_message_is_404()
    {
        await using var api = await StaffApiHost.StartAsync();

        var response = await api.PostAsync($"/messages/{MessageId.New(T0)}/mark-handled");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "NotFound");
    }

    [Fact]
    public async Task A_note_longer_than_the_library_takes_is_422_with_code_InvalidNote()
    {
        await using var api = await StaffApiHost.StartAsync();
        var failed = await api.AddAsync(Failed(NewBorrower(), T0));

        var response = await api.PostAsync($"/messages/{failed.Id}/dismiss", new { note = new string('x', 1001) });

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "InvalidNote");
    }

    [Fact]
    public async Task An_action_with_the_ETag_of_the_current_version_is_done_and_answers_the_new_ETag()
    {
        await using var api = await StaffApiHost.StartAsync();
        var failed = await api.AddAsync(Failed(NewBorrower(), T0));
        var etag = (await api.GetAsync($"/messages/{failed.Id}")).Headers.ETag!.ToString();

        var response = await api.PostAsync($"/messages/{failed.Id}/mark-handled", ifMatch: etag);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.ETag!.ToString().Should().Be($"\"{failed.Version + 1}\"");
    }

    [Theory]
    [InlineData("\"0\"")]
    [InlineData("W/\"1\"")]
    [InlineData("\"not-a-version\"")]
    public async Task An_action_with_a_stale_or_foreign_If_Match_is_412_and_changes_nothing(string ifMatch)
    {
        await using var api = await StaffApiHost.StartAsync();
        var failed = await api.AddAsync(Failed(NewBorrower(), T0));

        var response = await api.PostAsync($"/messages/{failed.Id}/retry", ifMatch: ifMatch);

        await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed, "Conflict");
        (await api.GetStoredAsync(failed.Id))!.Version.Should().Be(failed.Version);
    }

    [Fact]
    public async Task An_action_on_a_version_another_staff_member_changed_since_the_GET_is_412()
    {
        await using var api = await StaffApiHost.StartAsync();
        var failed = await api.AddAsync(Failed(NewBorrower(), T0));
        var seen = (await api.GetAsync($"/messages/{failed.Id}")).Headers.ETag!.ToString();
        api.ActAs("staff-2");
        (await api.PostAsync($"/messages/{failed.Id}/dismiss", new { note = "Først" }, seen)).StatusCode.Should().Be(HttpStatusCode.OK);
        api.ActAs(StaffApiHost.Staff);

        var response = await api.PostAsync($"/messages/{failed.Id}/mark-handled", ifMatch: seen);

        await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed, "Conflict");
        var stored = (await api.GetStoredAsync(failed.Id))!;
        (stored.IsDismissed, stored.IsHandledManually, stored.History[^1].Actor).Should().Be((true, false, "staff-2"));
    }

    [Fact]
    public async Task Two_staff_acting_at_once_on_the_same_ETag_one_wins_and_the_other_gets_412()
    {
        await using var api = await StaffApiHost.StartAsync();
        var failed = await api.AddAsync(Failed(NewBorrower(), T0));
        var seen = (await api.GetAsync($"/messages/{failed.Id}")).Headers.ETag!.ToString();

        var responses = await Task.WhenAll(
            Task.Run(() => api.PostAsync($"/messages/{failed.Id}/retry", ifMatch: seen)),
            Task.Run(() => api.PostAsync($"/messages/{failed.Id}/mark-handled", ifMatch: seen)));

        responses.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed]);
        (await api.GetStoredAsync(failed.Id))!.Version.Should().Be(failed.Version + 1, "exactly one action was stored");
    }

    [Fact]
    public async Task If_Match_any_acts_on_whatever_version_is_stored()
    {
        await using var api = await StaffApiHost.StartAsync();
        var failed = await api.AddAsync(Failed(NewBorrower(), T0));

        var response = await api.PostAsync($"/messages/{failed.Id}/dismiss", ifMatch: "*");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task When_the_host_requires_If_Match_an_action_without_it_is_428()
    {
        await using var api = await StaffApiHost.StartAsync(o => o.RequireIfMatch = true);
        var failed = await api.AddAsync(Failed(NewBorrower(), T0));

        var response = await api.PostAsync($"/messages/{failed.Id}/dismiss");

        await response.ShouldBeProblemAsync(HttpStatusCode.PreconditionRequired, "IfMatchRequired");
        (await api.GetStoredAsync(failed.Id))!.IsDismissed.Should().BeFalse();
    }
}
