using System.Globalization;
using Cicero.Notifications.Domain;
using Cicero.Notifications.Storage;
using Cicero.Notifications.Templates;
using Cicero.Notifications.Tests.Support;
using Cicero.Notifications.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Cicero.Notifications.Tests.Staff;

/// <summary>
/// Letters of a collected protocol on a fake clock: they wait (Pending) for a print run, which marks each Sent once —
/// also with two staff members collecting at once and with a crash between marking and returning the run — and gives a
/// document that can be printed again until the nightly jobs forget the run.
/// </summary>
public sealed class LetterRunTests
{
    private static readonly Protocol Brev = Protocol.Parse("Brev");
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");
    private const string Staff = "mette";

    [Fact]
    public async Task A_letter_waits_for_the_print_run_which_marks_it_sent_and_gives_the_document()
    {
        using var library = Library();
        await SaveBorrowerAsync(library, "B-1");
        var letter = (await library.Notifier.NotifyAsync(Reservation("B-1", "Kongens Fald"))).Single();

        var dispatched = await library.Dispatcher.DispatchDueAsync();
        var waiting = await library.Services.GetRequiredService<IBorrowerMessages>().GetAsync(letter.Id);
        var printed = await library.Services.GetRequiredService<IMessagePrinter>().PrintAsync(letter.Id, Danish);
        library.Time.Advance(TimeSpan.FromHours(3));
        var run = await Runs(library).CollectAsync(Brev, Staff, culture: Danish);
        var next = await Runs(library).CollectAsync(Brev, Staff, culture: Danish);

        dispatched.Claimed.Should().Be(0, "no channel sends a collected protocol");
        waiting!.WaitsForLetterRun.Should().BeTrue();
        printed!.Text.Should().Contain("Afventer (venter på næste brevudskrivning)");
        run.MessageIds.Should().Equal(letter.Id);
        var sent = await library.GetAsync(letter.Id);
        (sent.Status, sent.ChangedAt).Should().Be((MessageStatus.Sent, TestLibrary.Start.AddHours(3)));
        sent.History[^1].Should().BeEquivalentTo(new { Event = MessageEvent.Collected, Actor = Staff, Reason = $"Printed in letter run {run.Id}." });
        run.Html.Should().Contain("<p>Ida Jensen<br>\nStorgade 1<br>\n8000 Aarhus C</p>").And.Contain("<h2>Din reservering er klar</h2>").And.Contain("<p>&quot;Kongens Fald&quot; er klar til afhentning.</p>");
        run.Csv.Should().Be($"besked_id,laaner,type,filial\r\n{letter.Id},B-1,Reservering klar til afhentning,HB\r\n");
        (next.MessageIds.Count, next.Html.Contains("Ingen breve ventede.", StringComparison.Ordinal)).Should().Be((0, true));
    }

    [Fact]
    public async Task A_run_takes_the_letters_by_branch_then_borrower_or_only_one_branchs()
    {
        using var library = Library();
        foreach (var borrower in new[] { "B-2", "B-1", "B-3" })
        {
            await SaveBorrowerAsync(library, borrower);
        }

        var b2 = (await library.Notifier.NotifyAsync(Reservation("B-2", "A", branch: "HB"))).Single();
        var b1 = (await library.Notifier.NotifyAsync(Reservation("B-1", "B", branch: "HB"))).Single();
        var north = (await library.Notifier.NotifyAsync(Reservation("B-3", "C", branch: "Filial-Nord"))).Single();

        var main = await Runs(library).CollectAsync(Brev, Staff, "hb");
        var rest = await Runs(library).CollectAsync(Brev, Staff);

        main.MessageIds.Should().Equal(b1.Id, b2.Id);
        (main.Branch, rest.MessageIds.Single()).Should().Be(("HB", north.Id));
    }

    [Fact]
    public async Task A_reprint_gives_the_same_document_until_the_nightly_jobs_forget_the_run()
    {
        using var library = Library();
        await SaveBorrowerAsync(library, "B-1");
        await library.Notifier.NotifyAsync(Reservation("B-1", "Kongens Fald"));
        var run = await Runs(library).CollectAsync(Brev, Staff, culture: CultureInfo.GetCultureInfo("en"));

        var reprint = await Runs(library).ReprintAsync(run.Id);
        library.Time.Advance(TimeSpan.FromDays(31));
        var nightly = await library.Services.GetRequiredService<INightlyJobs>().RunAsync();
        var afterRetention = await Runs(library).ReprintAsync(run.Id);

        reprint.Should().BeEquivalentTo(run);
        nightly.LetterRunsForgotten.Should().Be(1);
        afterRetention.Should().BeNull();
        (await Runs(library).ReprintAsync(Guid.NewGuid())).Should().BeNull();
    }

    [Fact]
    public async Task An_anonymized_letter_reprints_as_anonymized()
    {
        using var library = Library(o => o.Nightly.RetentionPeriod = TimeSpan.FromDays(60));
        await SaveBorrowerAsync(library, "B-1");
        await library.Notifier.NotifyAsync(Reservation("B-1", "Kongens Fald"));
        var run = await Runs(library).CollectAsync(Brev, Staff, culture: Danish);
        var letter = await library.GetAsync(run.MessageIds[0]);
        await library.Messages.TryUpdateAsync(letter.Anonymize(library.Time.GetUtcNow()));

        var reprint = await Runs(library).ReprintAsync(run.Id);

        reprint!.Html.Should().Contain("Brevets indhold er anonymiseret.").And.NotContain("Kongens Fald").And.NotContain("Storgade");
    }

    [Fact]
    public async Task Two_staff_members_collecting_at_once_never_get_the_same_letter()
    {
        var store = new GatedLetterStore(new InMemoryMessageStore(), parties: 2);
        using var library = Library(services: s => s.AddSingleton<IMessageStore>(store));
        await SaveBorrowerAsync(library, "B-1");
        var letters = new List<MessageId>();
        for (var i = 0; i < 5; i++)
        {
            letters.Add((await library.Notifier.NotifyAsync(Reservation("B-1", $"Bog {i}") with { IdempotencyKey = $"r-{i}" })).Single().Id);
        }

        var runs = await Task.WhenAll(Runs(library).CollectAsync(Brev, Staff), Runs(library).CollectAsync(Brev, Staff));

        store.BothListedTheSameLetters.Should().BeTrue("both read every letter before either stored its run");
        runs.SelectMany(r => r.MessageIds).Should().BeEquivalentTo(letters).And.OnlyHaveUniqueItems();
        runs.Should().ContainSingle(r => r.MessageIds.Count == 5, "the first to store takes them all");
    }

    [Fact]
    public async Task A_crash_between_marking_and_returning_the_run_leaves_each_letter_in_exactly_one_run()
    {
        var store = new CrashingLetterStore(new InMemoryMessageStore()) { CrashAfterStoring = true };
        using var library = Library(services: s => s.AddSingleton<IMessageStore>(store));
        await SaveBorrowerAsync(library, "B-1");
        var first = (await library.Notifier.NotifyAsync(Reservation("B-1", "A") with { IdempotencyKey = "r-1" })).Single();
        var second = (await library.Notifier.NotifyAsync(Reservation("B-1", "B") with { IdempotencyKey = "r-2" })).Single();

        var crashed = () => Runs(library).CollectAsync(Brev, Staff);
        await crashed.Should().ThrowAsync<IOException>();
        store.CrashAfterStoring = false;
        var again = await Runs(library).CollectAsync(Brev, Staff);

        again.MessageIds.Should().BeEmpty("the crashed run took every letter");
        foreach (var id in new[] { first.Id, second.Id })
        {
            var letter = await library.GetAsync(id);
            var runId = Guid.Parse(letter.History[^1].Reason!["Printed in letter run ".Length..^1]);
            (await Runs(library).ReprintAsync(runId))!.MessageIds.Should().Contain(id, "staff find the run on the letter and print it again");
        }
    }

    [Fact]
    public async Task A_crash_before_the_run_is_stored_leaves_every_letter_waiting()
    {
        var store = new CrashingLetterStore(new InMemoryMessageStore()) { CrashBeforeStoring = true };
        using var library = Library(services: s => s.AddSingleton<IMessageStore>(store));
        await SaveBorrowerAsync(library, "B-1");
        var letter = (await library.Notifier.NotifyAsync(Reservation("B-1", "A"))).Single();

        var crashed = () => Runs(library).CollectAsync(Brev, Staff);
        await crashed.Should().ThrowAsync<IOException>();
        store.CrashBeforeStoring = false;
        var again = await Runs(library).CollectAsync(Brev, Staff);

        again.MessageIds.Should().Equal(letter.Id);
    }

    [Fact]
    public async Task A_refused_sms_falls_back_to_a_letter_in_the_next_run_and_a_cancelled_letter_is_not_printed()
    {
        using var library = Library(o =>
        {
            var type = o.Types["ReservationReady"];
            type.Protocols.Clear();
            type.Protocols.Add(Protocol.Sms);
            type.Fallback.Add(Brev);
        });
        await SaveBorrowerAsync(library, "B-1");
        library.Sms.Otherwise = _ => DeliveryResult.PermanentFailure("Unknown number.");
        var sms = (await library.Notifier.NotifyAsync(Reservation("B-1", "Kongens Fald"))).Single();
        await library.Notifier.NotifyAsync(Reservation("B-1", "Havbrevene") with { IdempotencyKey = "r-2" });
        await library.Dispatcher.DispatchDueAsync();
        await library.Notifier.CancelAsync("r-2", "The reservation was collected.");

        var run = await Runs(library).CollectAsync(Brev, Staff);

        var letter = (await library.Messages.ListByNotificationAsync(sms.Id)).Single(m => m.Protocol == Brev);
        run.MessageIds.Should().Equal(letter.Id);
    }

    [Fact]
    public async Task Staff_reroute_a_refused_sms_to_a_letter_that_waits_for_the_next_run()
    {
        using var library = Library(o =>
        {
            var type = o.Types["ReservationReady"];
            type.Protocols.Clear();
            type.Protocols.Add(Protocol.Sms);
        });
        await SaveBorrowerAsync(library, "B-1");
        library.Sms.Then(DeliveryResult.PermanentFailure("Unknown number."));
        var sms = (await library.Notifier.NotifyAsync(Reservation("B-1", "Kongens Fald"))).Single();
        await library.Dispatcher.DispatchDueAsync();

        var letter = await library.Services.GetRequiredService<IMessageQueue>().RerouteAsync(sms.Id, Brev, "jens", "Sendt som brev");
        var run = await Runs(library).CollectAsync(Brev, Staff);

        (letter.Protocol, letter.Status).Should().Be((Brev, MessageStatus.Pending));
        run.MessageIds.Should().Equal(sms.Id);
    }

    [Fact]
    public async Task Only_a_collected_protocol_is_collected_and_a_collected_one_takes_no_channel()
    {
        using var library = Library();

        var sms = () => Runs(library).CollectAsync(Protocol.Sms, Staff);
        var unknownBranch = () => Runs(library).CollectAsync(Brev, Staff, "Filial-Syd");
        var channel = () => Library(services: s => s.AddCiceroNotifications(_ => { }).AddChannel(Brev, new Cicero.Notifications.Testing.RecordingChannel()));

        (await sms.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().StartWith("Protocol 'Sms' is not collected");
        (await unknownBranch.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().StartWith("Branch 'Filial-Syd' is not set up");
        channel.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>()
            .Which.Failures.Should().Contain("A channel (RecordingChannel) is registered for protocol 'Brev', whose letters staff collect (Delivery: Collected): remove the channel or the setting.");
    }

    [Fact]
    public async Task Recent_runs_are_listed_newest_first_with_display_names_and_letter_counts()
    {
        using var library = Library();
        foreach (var borrower in new[] { "B-1", "B-2", "B-3" })
        {
            await SaveBorrowerAsync(library, borrower);
        }

        await library.Notifier.NotifyAsync(Reservation("B-1", "A"));
        await library.Notifier.NotifyAsync(Reservation("B-2", "B"));
        var hb = await Runs(library).CollectAsync(Brev, Staff, "HB");
        library.Time.Advance(TimeSpan.FromHours(1));
        await library.Notifier.NotifyAsync(Reservation("B-3", "C", branch: "Filial-Nord"));
        var all = await Runs(library).CollectAsync(Brev, Staff);
        await Runs(library).CollectAsync(Brev, Staff); // Nothing waits: an empty run is not kept.

        var danish = await Runs(library).ListAsync(culture: Danish);
        var english = await Runs(library).ListAsync(1, CultureInfo.GetCultureInfo("en-GB"));

        danish.Should().Equal(
            new LetterRunSummary(all.Id, Brev, "Brev", null, null, TestLibrary.Start.AddHours(1), 1),
            new LetterRunSummary(hb.Id, Brev, "Brev", "HB", "Hovedbiblioteket", TestLibrary.Start, 2));
        english.Should().Equal(new LetterRunSummary(all.Id, Brev, "Letter", null, null, TestLibrary.Start.AddHours(1), 1));
    }

    [Fact]
    public async Task A_run_is_logged_counted_and_described_without_personal_data()
    {
        using var library = Library();
        using var sent = library.Metric("cicero.notifications.messages.sent");
        await SaveBorrowerAsync(library, "0101901234");
        await library.Notifier.NotifyAsync(Reservation("0101901234", "Kongens Fald"));

        var run = await Runs(library).CollectAsync(Brev, Staff);

        run.ToString().Should().Be($"LetterRun {run.Id} (Brev, 1 letter(s))");
        sent.GetMeasurementSnapshot().Should().ContainSingle().Which.Tags["protocol"].Should().Be("Brev");
        var record = library.Logs.GetSnapshot().Should().ContainSingle(r => r.Id.Name == "LettersCollected").Subject;
        record.Message.Should().Be("A print run collected 1 letter(s) of Brev; 0 were taken by another run first");
        string.Join(' ', library.Logs.GetSnapshot().Select(r => r.Message)).Should().NotContainAny("0101901234", "010190", "Kongens Fald", "Storgade", Staff);
    }

    [Fact]
    public async Task A_malformed_branch_is_refused_without_repeating_it()
    {
        using var library = Library();

        var collect = () => Runs(library).CollectAsync(Brev, Staff, "0101901234 Storgade");

        (await collect.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().StartWith("Branch '?' is not set up").And.NotContain("Storgade");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(ILetterRuns.MaxListed + 1)]
    public async Task Listing_runs_takes_a_limit_from_1_to_100(int limit)
    {
        using var library = Library();

        var list = () => Runs(library).ListAsync(limit);

        (await list.Should().ThrowAsync<ArgumentOutOfRangeException>()).Which.ParamName.Should().Be("limit");
    }

    [Theory]
    [InlineData("", "The value cannot be an empty string or composed entirely of whitespace.*")]
    [InlineData("System", "'system' is reserved for automatic processing: give the acting staff member's id.*")]
    public async Task A_run_without_a_staff_member_is_refused_and_takes_no_letter(string staffId, string refusal)
    {
        using var library = Library();
        await SaveBorrowerAsync(library, "B-1");
        var letter = (await library.Notifier.NotifyAsync(Reservation("B-1", "Kongens Fald"))).Single();

        var collect = () => Runs(library).CollectAsync(Brev, staffId);

        (await collect.Should().ThrowAsync<ArgumentException>()).WithMessage(refusal).Which.ParamName.Should().Be("staffId");
        (await library.GetAsync(letter.Id)).Status.Should().Be(MessageStatus.Pending);
    }

    [Theory]
    [InlineData("da-DK")]
    [InlineData("en-GB")]
    public async Task A_runs_document_and_csv_match_the_approved_ones(string culture)
    {
        using var library = Library();
        var letters = new[]
        {
            Fixed("01970000-0000-7000-8000-000000000002", "0101901234", "Filial-Nord", "Havbrevene", ["Ole Olsen", "Nørregade 7, 2. th.", "1165 København K"]),
            Fixed("01970000-0000-7000-8000-000000000001", "B-17", "HB", "Kongens Fald & <andre>", ["Ida Jensen", "Storgade 1", "8000 Aarhus C"]),
            Fixed("01970000-0000-7000-8000-000000000003", "B-18", null, "Uden adresse", null),
        };
        await library.Messages.AddAsync(letters, null);
        library.Time.Advance(TimeSpan.FromHours(2));

        var run = await Runs(library).CollectAsync(Brev, Staff, culture: CultureInfo.GetCultureInfo(culture));

        run.MessageIds.Select(id => id.ToString()).Should().Equal("01970000-0000-7000-8000-000000000003", "01970000-0000-7000-8000-000000000002", "01970000-0000-7000-8000-000000000001");
        Approved.Match(run.Html, $"LetterRun.{culture}.html");
        Approved.Match(run.Csv, $"LetterRun.{culture}.csv");
    }

    private static Message Fixed(string id, string borrower, string? branch, string title, string[]? address)
    {
        var data = address is null
            ? $$"""{"title":"{{title}}"}"""
            : $$"""{"title":"{{title}}","recipient_name":"{{address[0]}}","address_lines":["{{address[1]}}","{{address[2]}}"]}""";
        var content = new MessageContent("Din reservering er klar", $"Kære låner\n\n\"{title}\" er klar til afhentning.\nHent den senest fredag.", data);
        return Message.CreatePending(MessageId.From(Guid.Parse(id)), BorrowerId.Parse(borrower), NotificationType.ReservationReady, Brev, null, content, "da-DK", TestLibrary.Start, branch: branch);
    }

    private static ILetterRuns Runs(TestLibrary library) => library.Services.GetRequiredService<ILetterRuns>();

    private static TestLibrary Library(Action<CiceroNotificationsOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var library = new TestLibrary(
            o =>
            {
                o.UserDefinedProtocols.Add(new UserDefinedProtocolOptions { Name = "Brev", DisplayNameDa = "Brev", DisplayNameEn = "Letter", Delivery = ProtocolDelivery.Collected });
                o.Branches["HB"] = new BranchOptions { DisplayNameDa = "Hovedbiblioteket", DisplayNameEn = "Main library" };
                o.Branches["Filial-Nord"] = new BranchOptions { DisplayNameDa = "Filial Nord", DisplayNameEn = "North branch" };
                var type = o.Types["ReservationReady"];
                type.Protocols.Clear();
                type.Protocols.Add(Brev);
                o.Templates.Add(new TemplateOptions
                {
                    Type = "ReservationReady", Protocol = "Brev", Culture = "da", Subject = "Din reservering er klar",
                    Body = "Kære {{ recipient_name }}\n\n\"{{ title }}\" er klar til afhentning.",
                });
                configure?.Invoke(o);
            },
            services);
        _ = library.Notifier; // Start-up validation runs when the options are first resolved.
        return library;
    }

    private static Task SaveBorrowerAsync(TestLibrary library, string borrower)
        => library.SaveProfileAsync(borrower, p => library.WithPhone(p, "+45 20 12 34 56").OptIn(Brev));

    private static Notification Reservation(string borrower, string title, string branch = "HB") => new(BorrowerId.Parse(borrower), NotificationType.ReservationReady)
    {
        Data = new Dictionary<string, object?> { ["title"] = title, ["recipient_name"] = "Ida Jensen", ["address_lines"] = new[] { "Storgade 1", "8000 Aarhus C" } },
        IdempotencyKey = "r-" + borrower + title,
        Branch = branch,
    };

    /// <summary>Holds the first <c>parties</c> listings of waiting letters until all of them have listed.</summary>
    private sealed class GatedLetterStore(IMessageStore inner, int parties) : DelegatingMessageStore(inner)
    {
        private readonly Gate _listed = new(parties);
        private readonly List<IReadOnlyList<MessageId>> _listings = [];

        public bool BothListedTheSameLetters
        {
            get
            {
                lock (_listings)
                {
                    return _listings.Count == 2 && _listings[0].SequenceEqual(_listings[1]) && _listings[0].Count > 0;
                }
            }
        }

        public override async Task<IReadOnlyList<Message>> ListWaitingLettersAsync(Protocol protocol, string? branch, DateTimeOffset now, int maxCount, CancellationToken cancellationToken = default)
        {
            var waiting = await base.ListWaitingLettersAsync(protocol, branch, now, maxCount, cancellationToken);
            lock (_listings)
            {
                _listings.Add([.. waiting.Select(m => m.Id)]);
            }

            await _listed.PassAsync();
            return waiting;
        }
    }

    /// <summary>Fails a print run's store step before it runs, or after it committed (as when the process stops then).</summary>
    private sealed class CrashingLetterStore(IMessageStore inner) : DelegatingMessageStore(inner)
    {
        public bool CrashBeforeStoring { get; set; }

        public bool CrashAfterStoring { get; set; }

        public override async Task<IReadOnlyList<Message>> CollectLettersAsync(LetterRunRecord run, IReadOnlyList<Message> letters, CancellationToken cancellationToken = default)
        {
            if (CrashBeforeStoring)
            {
                throw new IOException("The process stopped.");
            }

            var stored = await base.CollectLettersAsync(run, letters, cancellationToken);
            return CrashAfterStoring ? throw new IOException("The process stopped.") : stored;
        }
    }
}
