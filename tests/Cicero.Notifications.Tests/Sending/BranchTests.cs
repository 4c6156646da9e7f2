using System.Globalization;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Tests.Sending;

/// <summary>
/// Branches: a notification names the branch it concerns; every message of it keeps the code as the options spell it,
/// staff see the branch's name and filter the message queue by it, and an unknown code is refused before anything is stored.
/// </summary>
public sealed class BranchTests
{
    [Fact]
    public async Task Every_message_of_a_notification_keeps_its_branch_as_the_options_spell_it()
    {
        using var library = Library();
        await SaveBorrowerAsync(library);

        var created = await library.Notifier.NotifyAsync(Reservation("hb"));

        created.Should().HaveCount(2).And.OnlyContain(m => m.Branch == "HB");
    }

    [Fact]
    public async Task Staff_see_the_branchs_name_and_filter_the_message_queue_by_it()
    {
        using var library = Library();
        await SaveBorrowerAsync(library);
        library.Sms.Otherwise = _ => DeliveryResult.PermanentFailure("Unknown number.");
        library.Email.Otherwise = _ => DeliveryResult.PermanentFailure("Unknown mailbox.");
        await library.Notifier.NotifyAsync(Reservation("HB"));
        await library.Notifier.NotifyAsync(Reservation("Filial-Nord") with { IdempotencyKey = "r-2" });
        await library.Dispatcher.DispatchDueAsync();
        var queue = library.Services.GetRequiredService<IMessageQueue>();

        var north = await queue.ListAsync(new MessageQueueFilter { Branch = "filial-nord" }, new PageRequest(), CultureInfo.GetCultureInfo("da-DK"));
        var english = await queue.ListAsync(new MessageQueueFilter { Branch = "HB" }, new PageRequest(), CultureInfo.GetCultureInfo("en"));

        north.Items.Select(r => (r.Branch, r.BranchName)).Should().Equal(("Filial-Nord", "Filial-Nord"), ("Filial-Nord", "Filial-Nord"));
        english.Items.Select(r => (r.Branch, r.BranchName)).Should().Equal(("HB", "Main library"), ("HB", "Main library"));
        (await queue.ListAsync(MessageQueueFilter.All, new PageRequest(), CultureInfo.GetCultureInfo("da-DK"))).Items
            .Where(r => r.Branch == "HB").Should().OnlyContain(r => r.BranchName == "Hovedbiblioteket");
    }

    [Fact]
    public async Task The_borrowers_messages_filter_by_branch_page_by_page_and_the_print_names_it()
    {
        using var library = Library();
        await SaveBorrowerAsync(library);
        for (var i = 0; i < 6; i++)
        {
            await library.Notifier.NotifyAsync(Reservation(i % 3 == 0 ? "HB" : "Filial-Nord") with { IdempotencyKey = $"r-{i}" });
            library.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var messages = library.Services.GetRequiredService<IBorrowerMessages>();
        var rows = new List<MessageRow>();
        var page = new PageRequest(3);
        var pages = 0;
        do
        {
            var found = await messages.ListAsync(BorrowerId.Parse("B-1"), page, branch: "hb");
            rows.AddRange(found.Items);
            page = page with { Continuation = found.Continuation };
            pages++;
        }
        while (page.Continuation is not null);
        var printed = await library.Services.GetRequiredService<IMessagePrinter>().PrintAsync(rows[0].Id, CultureInfo.GetCultureInfo("da-DK"));

        rows.Should().HaveCount(4).And.OnlyContain(r => r.Branch == "HB" && r.BranchName == "Hovedbiblioteket");
        rows.Select(r => r.CreatedAt).Should().BeInDescendingOrder();
        pages.Should().BeGreaterThan(1);
        printed!.Html.Should().Contain("<th scope=\"row\">Filial</th><td>Hovedbiblioteket</td>");
        printed.Text.Should().Contain("Filial:          Hovedbiblioteket");
    }

    [Fact]
    public async Task An_unknown_branch_is_refused_and_nothing_is_stored()
    {
        using var library = Library();
        await SaveBorrowerAsync(library);

        var unknown = () => library.Notifier.NotifyAsync(Reservation("Filial-Syd"));
        var invalid = () => library.Notifier.NotifyAsync(Reservation("0707614285 Hans"));

        (await unknown.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().StartWith("Notification.Branch 'Filial-Syd' is not set up: add it to CiceroNotificationsOptions.Branches.");
        (await invalid.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().StartWith("Notification.Branch must be 1–32 letters").And.NotContain("0707614285");
        (await library.Messages.ListByBorrowerAsync(BorrowerId.Parse("B-1"), null, new PageRequest())).Items.Should().BeEmpty();
        var bulk = await library.Notifier.NotifyManyAsync([Reservation("Filial-Syd")]);
        bulk.Single().Outcome.Should().Be(NotifyOutcome.InvalidData);
    }

    [Fact]
    public async Task A_fallback_keeps_the_branch_and_a_digest_gathers_one_branch()
    {
        using var library = Library(o =>
        {
            var type = o.Types["ReservationReady"];
            type.Protocols.Remove(Protocol.Email);
            type.Fallback.Add(Protocol.Email);
        });
        await SaveBorrowerAsync(library);
        library.Sms.Then(DeliveryResult.PermanentFailure("Unknown number."));
        var sms = (await library.Notifier.NotifyAsync(Reservation("HB"))).Single();

        await library.Dispatcher.DispatchDueAsync();
        await library.Dispatcher.DispatchDueAsync();

        (await library.Messages.ListByNotificationAsync(sms.Id)).Should().HaveCount(2).And.OnlyContain(m => m.Branch == "HB");
    }

    [Fact]
    public async Task A_digest_gathers_only_the_notifications_of_its_branch()
    {
        using var library = Library(o => o.Types["ReservationReady"].DigestWindow = TimeSpan.FromMinutes(10), digestTemplates: true);
        await SaveBorrowerAsync(library);

        var main = await library.Notifier.NotifyAsync(Reservation("HB"));
        var north = await library.Notifier.NotifyAsync(Reservation("Filial-Nord") with { IdempotencyKey = "r-2" });
        var mainAgain = await library.Notifier.NotifyAsync(Reservation("HB") with { IdempotencyKey = "r-3" });

        north.Select(m => m.Id).Should().NotIntersectWith(main.Select(m => m.Id));
        mainAgain.Select(m => m.Id).Should().BeEquivalentTo(main.Select(m => m.Id));
    }

    [Fact]
    public async Task Created_messages_are_counted_per_branch()
    {
        using var library = Library();
        await SaveBorrowerAsync(library);
        using var created = library.Metric("cicero.notifications.messages.created");

        await library.Notifier.NotifyAsync(Reservation("HB"));
        await library.NotifyAsync("B-1", NotificationType.WelcomeBorrower);

        created.GetMeasurementSnapshot().Select(m => m.Tags.GetValueOrDefault("branch")).Should().BeEquivalentTo(new object?[] { "HB", "HB", null, null });
    }

    [Fact]
    public void An_invalid_branch_code_in_the_options_fails_start_up()
    {
        var start = () => Library(o => o.Branches["Filial Nord"] = new BranchOptions());

        start.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>()
            .Which.Failures.Should().Contain("Branches has an invalid code 'Filial Nord': use 1–32 letters (a–z, A–Z), digits, '-' or '_'.");
    }

    private static TestLibrary Library(Action<CiceroNotificationsOptions>? configure = null, bool digestTemplates = false)
    {
        var library = new TestLibrary(o =>
        {
            o.Branches["HB"] = new BranchOptions { DisplayNameDa = "Hovedbiblioteket", DisplayNameEn = "Main library" };
            o.Branches["Filial-Nord"] = new BranchOptions();
            o.Types["ReservationReady"].Protocols.Remove(Protocol.DigitalPost);
            if (digestTemplates)
            {
                foreach (var template in o.Templates.Where(t => t.Type == "ReservationReady"))
                {
                    template.Body = "{{ for item in items }}{{ item.title }} {{ end }}";
                }
            }

            configure?.Invoke(o);
        });
        _ = library.Notifier; // Resolves the options: start-up validation runs here.
        return library;
    }

    private static Task SaveBorrowerAsync(TestLibrary library)
        => library.SaveProfileAsync("B-1", p => library.WithEmail(library.WithPhone(p, "+45 20 12 34 56"), "ida@example.dk"));

    private static Notification Reservation(string branch) => new(BorrowerId.Parse("B-1"), NotificationType.ReservationReady)
    {
        Data = new Dictionary<string, object?> { ["title"] = "Kongens Fald" },
        IdempotencyKey = "r-1",
        Branch = branch,
    };
}
