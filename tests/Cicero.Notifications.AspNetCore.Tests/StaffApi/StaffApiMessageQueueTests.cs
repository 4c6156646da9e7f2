using System.Net;
using Cicero.Notifications.Domain;
using static Cicero.Notifications.Testing.TestData;

namespace Cicero.Notifications.AspNetCore.Tests.StaffApi;

/// <summary>The message queue over HTTP: list with filters, count, and the bulk actions with a result per message.</summary>
public sealed class StaffApiMessageQueueTests
{
    [Fact]
    public async Task The_queue_lists_failed_messages_oldest_first_filtered_by_protocol()
    {
        await using var api = await StaffApiHost.StartAsync();
        var borrower = NewBorrower();
        var sms = await api.AddAsync(Failed(borrower, T0.AddMinutes(1)));
        var olderSms = await api.AddAsync(Failed(borrower, T0));
        await api.AddAsync(Failed(borrower, T0, protocol: Protocol.Email));
        await api.AddAsync(Sent(borrower, T0));

        var json = await (await api.GetAsync("/message-queue?protocol=Sms")).ShouldBeOkJsonAsync();

        json["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).Should().Equal(olderSms.Id.ToString(), sms.Id.ToString());
    }

    [Fact]
    public async Task The_queue_and_the_borrowers_list_filter_by_branch_and_show_its_name()
    {
        await using var api = await StaffApiHost.StartAsync();
        var borrower = NewBorrower();
        var main = await api.AddAsync(Message.Restore(Failed(borrower, T0).ToState() with { Branch = "HB" }));
        await api.AddAsync(Failed(borrower, T0.AddMinutes(1)));

        var queue = await (await api.GetAsync("/message-queue?branch=hb", language: "en")).ShouldBeOkJsonAsync();
        var list = await (await api.GetAsync($"/borrowers/{borrower}/messages?branch=HB")).ShouldBeOkJsonAsync();

        queue["items"]!.AsArray().Select(i => (i!["id"]!.GetValue<string>(), i["branch"]!.GetValue<string>(), i["branchDisplayName"]!.GetValue<string>()))
            .Should().Equal((main.Id.ToString(), "HB", "Main library"));
        list["items"]!.AsArray().Select(i => (i!["id"]!.GetValue<string>(), i["branchDisplayName"]!.GetValue<string>(), i["digestItemCount"]!.GetValue<int>()))
            .Should().Equal((main.Id.ToString(), "Hovedbiblioteket", 0));
    }

    [Fact]
    public async Task The_queue_filters_by_type_failure_kind_and_age()
    {
        await using var api = await StaffApiHost.StartAsync();
        var borrower = NewBorrower();
        var match = await api.AddAsync(Failed(borrower, T0.AddDays(1), type: NotificationType.OverdueNotice, kind: MessageFailureKind.RetriesExhausted));
        await api.AddAsync(Failed(borrower, T0.AddDays(1), type: NotificationType.OverdueNotice));
        await api.AddAsync(Failed(borrower, T0, type: NotificationType.OverdueNotice, kind: MessageFailureKind.RetriesExhausted));

        var after = Uri.EscapeDataString(T0.AddHours(1).ToString("O"));
        var json = await (await api.GetAsync($"/message-queue?type=OverdueNotice&failureKind=RetriesExhausted&createdAtOrAfter={after}")).ShouldBeOkJsonAsync();

        json["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).Should().Equal(match.Id.ToString());
    }

    [Fact]
    public async Task A_malformed_type_in_the_queue_filter_is_422()
    {
        await using var api = await StaffApiHost.StartAsync();

        var response = await api.GetAsync("/message-queue?type=no%20such%20type!");

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "InvalidValue");
    }

    [Fact]
    public async Task The_queue_count_counts_failed_messages_not_dismissed()
    {
        await using var api = await StaffApiHost.StartAsync();
        var borrower = NewBorrower();
        await api.AddAsync(Failed(borrower, T0));
        await api.AddAsync(Failed(borrower, T0));
        await api.AddAsync(Sent(borrower, T0));

        var json = await (await api.GetAsync("/message-queue/count")).ShouldBeOkJsonAsync();

        json["count"]!.GetValue<long>().Should().Be(2);
    }

    [Fact]
    public async Task Bulk_retry_by_ids_reports_for_each_message_whether_it_succeeded_or_was_refused_and_why()
    {
        await using var api = await StaffApiHost.StartAsync();
        var borrower = NewBorrower();
        var failed = await api.AddAsync(Failed(borrower, T0));
        var sent = await api.AddAsync(Sent(borrower, T0));
        var unknown = MessageId.New(T0);

        var response = await api.PostAsync("/message-queue/retry", new { ids = new[] { failed.Id.ToString(), sent.Id.ToString(), unknown.ToString() }, note = "Gatewayen virker igen" });

        var json = await response.ShouldBeOkJsonAsync();
        json["succeeded"]!.AsArray().Select(i => i!.GetValue<string>()).Should().Equal(failed.Id.ToString());
        json["refused"]!.AsArray().Select(r => (r!["messageId"]!.GetValue<string>(), r["code"]!.GetValue<string>()))
            .Should().Equal((sent.Id.ToString(), "InvalidState"), (unknown.ToString(), "NotFound"));
        json["conflicted"]!.AsArray().Should().BeEmpty();
        json["moreMatched"]!.GetValue<bool>().Should().BeFalse();
        (await api.GetStoredAsync(failed.Id))!.History[^1].Should().Match<MessageHistoryEntry>(e => e.Event == MessageEvent.Retried && e.Actor == StaffApiHost.Staff);
    }

    [Fact]
    public async Task Bulk_dismiss_by_filter_dismisses_the_matching_queue_messages()
    {
        await using var api = await StaffApiHost.StartAsync();
        var borrower = NewBorrower();
        var sms = await api.AddAsync(Failed(borrower, T0));
        var email = await api.AddAsync(Failed(borrower, T0, protocol: Protocol.Email));

        var response = await api.PostAsync("/message-queue/dismiss", new { filter = new { protocol = "Email" }, note = "Kendt fejl hos udbyderen" });

        var json = await response.ShouldBeOkJsonAsync();
        json["succeeded"]!.AsArray().Select(i => i!.GetValue<string>()).Should().Equal(email.Id.ToString());
        (await api.GetStoredAsync(email.Id))!.IsDismissed.Should().BeTrue();
        (await api.GetStoredAsync(sms.Id))!.IsDismissed.Should().BeFalse();
    }

    [Fact]
    public async Task Bulk_reroute_sends_each_message_on_the_protocol_or_says_why_not()
    {
        await using var api = await StaffApiHost.StartAsync();
        var reachable = NewBorrower();
        await api.SaveReachableBorrowerAsync(reachable);
        var movable = await api.AddAsync(Failed(reachable, T0));
        var stuck = await api.AddAsync(Failed(NewBorrower(), T0));

        var response = await api.PostAsync("/message-queue/reroute", new { ids = new[] { movable.Id.ToString(), stuck.Id.ToString() }, protocol = "Email" });

        var json = await response.ShouldBeOkJsonAsync();
        json["succeeded"]!.AsArray().Select(i => i!.GetValue<string>()).Should().Equal(movable.Id.ToString());
        json["refused"]!.AsArray().Single()!["code"]!.GetValue<string>().Should().Be("NoAddress");
    }

    [Fact]
    public async Task Bulk_mark_handled_records_the_authenticated_staff_member_on_each_message()
    {
        await using var api = await StaffApiHost.StartAsync();
        var borrower = NewBorrower();
        var first = await api.AddAsync(Failed(borrower, T0));
        var second = await api.AddAsync(Failed(borrower, T0));
        api.ActAs("staff-99");

        var response = await api.PostAsync("/message-queue/mark-handled", new { ids = new[] { first.Id.ToString(), second.Id.ToString() }, note = "Sendt som brev" });

        (await response.ShouldBeOkJsonAsync())["succeeded"]!.AsArray().Should().HaveCount(2);
        foreach (var id in new[] { first.Id, second.Id })
        {
            (await api.GetStoredAsync(id))!.History[^1].Actor.Should().Be("staff-99");
        }
    }

    [Theory]
    [InlineData("""{ "note": "neither" }""")]
    [InlineData("""{ "ids": ["0190a1b2-0000-7000-8000-000000000001"], "filter": {} }""")]
    [InlineData("""{ "ids": [] }""")]
    [InlineData("""{ "ids": ["not-a-guid"] }""")]
    public async Task A_bulk_action_needs_exactly_one_of_ids_and_filter_with_valid_ids(string body)
    {
        await using var api = await StaffApiHost.StartAsync();

        var response = await api.Client.PostAsync(StaffApiHost.Route("/message-queue/retry"), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "InvalidRequest");
    }
}
