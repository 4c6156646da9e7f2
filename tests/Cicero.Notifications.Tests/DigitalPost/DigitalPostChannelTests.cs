using System.Collections.Concurrent;
using System.Text;
using System.Xml.Linq;
using Cicero.Notifications.DigitalPost;
using Cicero.Notifications.Domain;
using Cicero.Notifications.DependencyInjection;
using Cicero.Notifications.Templates;
using Cicero.Notifications.Tests.Borrowers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Cicero.Notifications.Tests.DigitalPost;

public sealed class DigitalPostChannelTests
{
    private const string CprDigits = "0101901234";
    private const string LibraryCvr = "13585628";
    private static readonly XNamespace Memo = "https://DigitalPost.dk/MeMo-1";
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 15, 30, TimeSpan.Zero);
    private readonly RecordingTransport _transport = new();
    private readonly FakeLogCollector _logs = new();
    private readonly DigitalPostChannel _channel;

    public DigitalPostChannelTests()
    {
        var options = new CiceroNotificationsOptions { LibraryName = "Eksempelby Bibliotek" };
        _channel = new DigitalPostChannel(_transport, Options.Create(new DigitalPostOptions { SenderCvr = LibraryCvr }), Options.Create(options), new FakeTimeProvider(Now), new FakeLogger<DigitalPostChannel>(_logs));
    }

    // ---- the MeMo structure (the public MeMo 1.1 minimal example) ---------------------------------------------

    [Fact]
    public async Task The_letter_has_the_elements_of_the_MeMo_minimal_example_in_schema_order()
    {
        var memo = await SendAsync(ToPerson());

        Paths(memo.Root!).Should().Equal(
            "Message",
            "Message/MessageHeader",
            "Message/MessageHeader/messageType",
            "Message/MessageHeader/messageUUID",
            "Message/MessageHeader/label",
            "Message/MessageHeader/mandatory",
            "Message/MessageHeader/legalNotification",
            "Message/MessageHeader/Sender",
            "Message/MessageHeader/Sender/senderID",
            "Message/MessageHeader/Sender/idType",
            "Message/MessageHeader/Sender/label",
            "Message/MessageHeader/Recipient",
            "Message/MessageHeader/Recipient/recipientID",
            "Message/MessageHeader/Recipient/idType",
            "Message/MessageBody",
            "Message/MessageBody/createdDateTime",
            "Message/MessageBody/MainDocument",
            "Message/MessageBody/MainDocument/File",
            "Message/MessageBody/MainDocument/File/encodingFormat",
            "Message/MessageBody/MainDocument/File/filename",
            "Message/MessageBody/MainDocument/File/language",
            "Message/MessageBody/MainDocument/File/content");
    }

    [Fact]
    public async Task Every_element_is_in_the_MeMo_namespace()
    {
        var memo = await SendAsync(ToPerson());

        memo.Root!.DescendantsAndSelf().Select(e => e.Name.Namespace).Distinct().Should().Equal(Memo);
    }

    [Fact]
    public async Task The_letter_uses_the_memo_prefix_that_Serviceplatformen_expects()
    {
        var memo = await SendAsync(ToPerson());

        memo.Root!.GetPrefixOfNamespace(Memo).Should().Be("memo");
    }

    [Fact]
    public async Task The_letter_is_MeMo_version_1_1()
    {
        var memo = await SendAsync(ToPerson());

        new[] { (string?)memo.Root!.Attribute("memoVersion"), (string?)memo.Root.Attribute("memoSchVersion") }.Should().Equal("1.1", "1.1.0");
    }

    [Fact]
    public async Task The_header_is_Digital_Post_labelled_with_the_subject()
    {
        var memo = await SendAsync(ToPerson());

        Values(memo, "MessageHeader", "messageType", "label", "mandatory", "legalNotification").Should().Equal("DIGITALPOST", "Din reservering er klar", "false", "false");
    }

    [Fact]
    public async Task The_message_uuid_is_the_message_id_as_the_version_4_uuid_MeMo_requires()
    {
        var message = ToPerson();

        var memo = await SendAsync(message);

        var uuid = Value(memo, "MessageHeader", "messageUUID");
        uuid.Should().MatchRegex("^[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[ab89][a-f0-9]{3}-[a-f0-9]{12}$");
        uuid.Remove(14, 1).Should().Be(message.Id.ToString().Remove(14, 1));
    }

    [Fact]
    public async Task Every_attempt_of_a_message_carries_the_same_uuid()
    {
        var message = ToPerson();
        await _channel.SendAsync(message, CancellationToken.None);

        await _channel.SendAsync(message with { Attempt = 2 }, CancellationToken.None);

        _transport.Letters.Select(l => l.MessageUuid).Distinct().Should().ContainSingle();
    }

    [Fact]
    public async Task The_sender_is_the_library_by_its_cvr_number()
    {
        var memo = await SendAsync(ToPerson());

        Values(memo, "MessageHeader/Sender", "senderID", "idType", "label").Should().Equal(LibraryCvr, "CVR", "Eksempelby Bibliotek");
    }

    [Fact]
    public async Task A_person_is_the_recipient_by_cpr_number()
    {
        var memo = await SendAsync(ToPerson());

        Values(memo, "MessageHeader/Recipient", "recipientID", "idType").Should().Equal(CprDigits, "CPR");
    }

    [Fact]
    public async Task A_company_is_the_recipient_by_cvr_number()
    {
        var memo = await SendAsync(ToPerson() with { Recipient = MessageRecipient.Company(Cvr.Parse("DK-25 31 37 63")) });

        Values(memo, "MessageHeader/Recipient", "recipientID", "idType").Should().Equal("25313763", "CVR");
    }

    [Fact]
    public async Task The_body_is_the_main_document_as_a_Danish_text_file()
    {
        var memo = await SendAsync(ToPerson());

        Values(memo, "MessageBody/MainDocument/File", "encodingFormat", "filename", "language").Should().Equal("text/plain", "Besked.txt", "da");
    }

    [Fact]
    public async Task The_file_content_is_the_body_in_base64_UTF8()
    {
        var memo = await SendAsync(ToPerson());

        var content = Value(memo, "MessageBody/MainDocument/File", "content");
        Encoding.UTF8.GetString(Convert.FromBase64String(content)).Should().Be("Kære låner, \"Kongens Fald\" kan hentes på Hovedbiblioteket.");
    }

    [Fact]
    public async Task The_letter_is_created_now_in_UTC()
    {
        var memo = await SendAsync(ToPerson());

        Value(memo, "MessageBody", "createdDateTime").Should().Be("2026-03-10T09:15:30Z");
    }

    [Fact]
    public async Task An_English_message_is_an_English_document()
    {
        var memo = await SendAsync(ToPerson() with { Culture = "en-GB" });

        Value(memo, "MessageBody/MainDocument/File", "language").Should().Be("en");
    }

    [Fact]
    public async Task A_message_without_subject_is_labelled_with_its_type()
    {
        var memo = await SendAsync(ToPerson() with { Subject = null });

        Value(memo, "MessageHeader", "label").Should().Be("Reservering klar til afhentning");
    }

    [Fact]
    public async Task A_label_longer_than_MeMo_allows_is_cut_to_256_characters()
    {
        var memo = await SendAsync(ToPerson() with { Subject = new string('x', 300) });

        Value(memo, "MessageHeader", "label").Should().HaveLength(256);
    }

    [Fact]
    public async Task The_letter_serializes_to_UTF8_XML_with_a_declaration()
    {
        await _channel.SendAsync(ToPerson(), CancellationToken.None);

        var xml = Encoding.UTF8.GetString(_transport.Letters.Single().ToUtf8Xml());

        xml.Should().StartWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><memo:Message xmlns:memo=\"https://DigitalPost.dk/MeMo-1\"");
    }

    // ---- results and refusals ----------------------------------------------------------------------------------

    [Fact]
    public async Task The_transport_result_is_the_channel_result()
    {
        _transport.Result = DeliveryResult.TransientFailure("HTTP 503");

        var result = await _channel.SendAsync(ToPerson(), CancellationToken.None);

        result.Should().BeSameAs(_transport.Result);
    }

    [Fact]
    public async Task A_message_without_cpr_or_cvr_is_refused_for_good()
    {
        var result = await _channel.SendAsync(ToPerson() with { Recipient = MessageRecipient.Email(EmailAddress.Parse("laaner@example.dk")) }, CancellationToken.None);

        result.Outcome.Should().Be(DeliveryOutcome.PermanentFailure);
    }

    [Fact]
    public async Task A_message_without_cpr_or_cvr_never_reaches_the_transport()
    {
        await _channel.SendAsync(ToPerson() with { Recipient = null }, CancellationToken.None);

        _transport.Letters.Should().BeEmpty();
    }

    [Fact]
    public void The_channel_has_the_transports_delivery_guarantee()
    {
        _transport.Guarantee = DeliveryGuarantee.AtLeastOnce;

        _channel.Guarantee.Should().Be(DeliveryGuarantee.AtLeastOnce);
    }

    [Fact]
    public void A_channel_with_an_invalid_sender_cvr_cannot_be_created()
    {
        var act = () => new DigitalPostChannel(_transport, Options.Create(new DigitalPostOptions { SenderCvr = "12345678" }), Options.Create(new CiceroNotificationsOptions()), TimeProvider.System);

        act.Should().Throw<ArgumentException>().WithMessage("*SenderCvr*");
    }

    // ---- rule 16: the CPR number only inside the MeMo document -----------------------------------------------

    [Fact]
    public async Task The_cpr_number_is_in_no_log_record()
    {
        _transport.Result = DeliveryResult.PermanentFailure("Recipient has no Digital Post mailbox");
        await _channel.SendAsync(ToPerson(), CancellationToken.None);

        var logged = string.Join('\n', _logs.GetSnapshot().Select(r => r.Message + " " + string.Join(' ', r.StructuredState?.Select(kv => kv.Value) ?? [])));

        _logs.Count.Should().BePositive("the check must look at real log records");
        logged.Should().NotContainAny(CprDigits, "010190");
    }

    [Fact]
    public async Task A_letter_describes_itself_without_the_cpr_number()
    {
        await _channel.SendAsync(ToPerson(), CancellationToken.None);

        _transport.Letters.Single().ToString().Should().NotContain("010190");
    }

    // ---- registration: AddDigitalPost ---------------------------------------------------------------------------

    [Fact]
    public async Task A_Digital_Post_notification_reaches_the_transport_through_dispatch()
    {
        using var h = DigitalPostHarness(LibraryCvr);
        var borrower = ProfileHarness.Borrower();
        await h.Profiles.CreateAsync(borrower);
        await h.Profiles.SetCprAsync(borrower, "010190-1234");
        await h.Profiles.OptInAsync(borrower, "DigitalPost");
        await h.Notifier.NotifyAsync(new Notification(borrower, NotificationType.Parse("BalanceStatement")));

        await h.Dispatcher.DispatchDueAsync();

        ((RecordingTransport)h.Provider.GetRequiredService<IDigitalPostTransport>()).Letters.Should().ContainSingle().Which.RecipientKind.Should().Be(RecipientKind.Cpr);
    }

    [Fact]
    public async Task A_transport_instance_receives_the_letters()
    {
        var transport = new RecordingTransport();
        using var h = DigitalPostHarness(LibraryCvr, build: b => b.AddDigitalPost(transport, d => d.SenderCvr = LibraryCvr));

        await NotifyDigitalPostAsync(h);

        transport.Letters.Should().ContainSingle().Which.RecipientKind.Should().Be(RecipientKind.Cpr);
    }

    [Fact]
    public async Task A_transport_factory_is_called_once_and_its_transport_receives_the_letters()
    {
        var transport = new RecordingTransport();
        var calls = 0;
        using var h = DigitalPostHarness(LibraryCvr, build: b => b.AddDigitalPost(_ => { calls++; return transport; }, d => d.SenderCvr = LibraryCvr));

        await NotifyDigitalPostAsync(h, "L-1001");
        await NotifyDigitalPostAsync(h, "L-1002");

        transport.Letters.Should().HaveCount(2);
        calls.Should().Be(1);
    }

    [Fact]
    public void An_invalid_sender_cvr_of_a_transport_instance_fails_when_the_host_starts()
    {
        var act = () => DigitalPostHarness(LibraryCvr, build: b => b.AddDigitalPost(new RecordingTransport(), d => d.SenderCvr = "12345678"));

        act.Should().Throw<OptionsValidationException>().WithMessage("*DigitalPost.SenderCvr must be the library's CVR number*");
    }

    [Fact]
    public void An_invalid_sender_cvr_fails_when_the_host_starts()
    {
        var act = () => DigitalPostHarness("12345678");

        act.Should().Throw<OptionsValidationException>().WithMessage("*DigitalPost.SenderCvr must be the library's CVR number*");
    }

    [Fact]
    public void Adding_Digital_Post_twice_registers_one_channel()
    {
        var act = () => DigitalPostHarness(LibraryCvr, twice: true).Dispose();

        act.Should().NotThrow();
    }

    private static async Task NotifyDigitalPostAsync(ProfileHarness h, string borrowerId = "L-1001")
    {
        var borrower = ProfileHarness.Borrower(borrowerId);
        await h.Profiles.CreateAsync(borrower);
        await h.Profiles.SetCprAsync(borrower, "010190-1234");
        await h.Profiles.OptInAsync(borrower, "DigitalPost");
        await h.Notifier.NotifyAsync(new Notification(borrower, NotificationType.Parse("BalanceStatement")));
        await h.Dispatcher.DispatchDueAsync();
    }

    private static ProfileHarness DigitalPostHarness(string senderCvr, bool twice = false, Action<ICiceroNotificationsBuilder>? build = null) => new(
        o =>
        {
            o.Types["BalanceStatement"] = new NotificationTypeOptions { Protocols = { Protocol.DigitalPost } };
            o.Templates.Add(new TemplateOptions { Type = "BalanceStatement", Protocol = "DigitalPost", Culture = "da", Subject = "Saldoopgørelse", Body = "Din saldo er {{ balance }} kr." });
        },
        build: build ?? (b =>
        {
            b.AddDigitalPost<RecordingTransport>(d => d.SenderCvr = senderCvr);
            if (twice)
            {
                b.AddDigitalPost<RecordingTransport>(d => d.SenderLabel = "Hovedbiblioteket");
            }
        }));

    private async Task<XDocument> SendAsync(OutgoingMessage message)
    {
        await _channel.SendAsync(message, CancellationToken.None);
        return _transport.Letters.Single().MeMo;
    }

    private static OutgoingMessage ToPerson() => new()
    {
        Id = MessageId.New(Now),
        Protocol = Protocol.DigitalPost,
        Type = NotificationType.ReservationReady,
        BorrowerId = ProfileHarness.Borrower(),
        Recipient = MessageRecipient.Person(Cpr.Parse(CprDigits)),
        Subject = "Din reservering er klar",
        Body = "Kære låner, \"Kongens Fald\" kan hentes på Hovedbiblioteket.",
        Culture = "da-DK",
    };

    private static IEnumerable<string> Paths(XElement root)
        => root.DescendantsAndSelf().Select(e => string.Join('/', e.AncestorsAndSelf().Reverse().Select(a => a.Name.LocalName)));

    private static IEnumerable<string> Values(XDocument memo, string parent, params string[] children)
        => children.Select(c => Value(memo, parent, c));

    private static string Value(XDocument memo, string parent, string child)
    {
        var element = parent.Split('/').Aggregate(memo.Root!, (e, name) => e.Element(Memo + name)!);
        return element.Element(Memo + child)!.Value;
    }
}

/// <summary>A transport that keeps the letters it was given and answers as told.</summary>
internal sealed class RecordingTransport : IDigitalPostTransport
{
    public ConcurrentQueue<DigitalPostLetter> Letters { get; } = new();

    public DeliveryResult Result { get; set; } = DeliveryResult.Delivered("ngdp-1");

    public DeliveryGuarantee Guarantee { get; set; } = DeliveryGuarantee.AtMostOnce;

    public Task<DeliveryResult> SendAsync(DigitalPostLetter letter, CancellationToken cancellationToken)
    {
        Letters.Enqueue(letter);
        return Task.FromResult(Result);
    }
}
