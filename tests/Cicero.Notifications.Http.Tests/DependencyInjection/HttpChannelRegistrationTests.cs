using Cicero.Notifications.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Http.Tests.DependencyInjection;

public sealed class HttpChannelRegistrationTests
{
    private const string Secret = "sk-live-hemmelig-nøgle";

    [Fact]
    public void Options_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sms:Url"] = "https://sms.example.dk/v1/messages",
            ["Sms:Headers:X-Api-Key"] = Secret,
            ["Sms:ProviderMessageIdPath"] = "messages.0.id",
            ["Sms:Timeout"] = "00:00:05",
            ["Sms:SenderName"] = "Bibliotek",
        }).Build();
        var services = new ServiceCollection();
        services.AddCiceroNotifications(_ => { }).AddHttpChannel(Protocol.Sms, configuration.GetSection("Sms"));

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptionsMonitor<HttpChannelOptions>>().Get("Sms");

        (options.Url, options.Headers["X-Api-Key"], options.ProviderMessageIdPath, options.Timeout, options.SenderName)
            .Should().Be((new Uri("https://sms.example.dk/v1/messages"), Secret, "messages.0.id", TimeSpan.FromSeconds(5), "Bibliotek"));
    }

    [Fact]
    public void Sender_name_defaults_to_the_library_name()
    {
        using var provider = Build(Protocol.Sms, _ => { }, libraryName: "Vejle");

        provider.GetRequiredService<IOptionsMonitor<HttpChannelOptions>>().Get("Sms").SenderName.Should().Be("Vejle");
    }

    [Fact]
    public void Valid_SMS_channel_passes_start_up_validation()
    {
        using var provider = Build(Protocol.Sms, _ => { });

        Validating(provider).Should().NotThrow();
    }

    [Fact]
    public void SMS_sender_longer_than_eleven_characters_fails_at_start_with_a_clear_message()
    {
        using var provider = Build(Protocol.Sms, _ => { }, libraryName: "Københavns Biblioteker");

        Validating(provider).Should().Throw<OptionsValidationException>()
            .WithMessage("*SMS SenderName 'Københavns Biblioteker' cannot be an SMS sender: use at most 11 letters*");
    }

    [Theory]
    [InlineData("Biblioteket")]
    [InlineData("Bib2025")]
    [InlineData("+4570101010")]
    public void SMS_sender_of_letters_and_digits_or_a_phone_number_is_accepted(string sender)
    {
        using var provider = Build(Protocol.Sms, o => o.SenderName = sender);

        Validating(provider).Should().NotThrow();
    }

    [Theory]
    [InlineData("Bibliotek12345")]
    [InlineData("Ærø Bib")]
    [InlineData("Bib-Vejle")]
    public void SMS_sender_that_networks_refuse_fails_at_start(string sender)
    {
        using var provider = Build(Protocol.Sms, o => o.SenderName = sender);

        Validating(provider).Should().Throw<OptionsValidationException>().WithMessage("*cannot be an SMS sender*");
    }

    [Fact]
    public void User_defined_protocol_accepts_a_long_sender_name()
    {
        using var provider = Build(App, _ => { }, libraryName: "Københavns Biblioteker");

        Validating(provider).Should().NotThrow();
    }

    [Fact]
    public void Template_that_does_not_escape_values_fails_at_start()
    {
        using var provider = Build(Protocol.Sms, o => o.BodyTemplate = """{ "to": "{{ recipient }}", "text": "{{ text }}" }""");

        Validating(provider).Should().Throw<OptionsValidationException>().WithMessage("*does not render valid JSON*json function*");
    }

    [Fact]
    public void Template_with_a_syntax_error_fails_at_start_naming_the_position()
    {
        using var provider = Build(Protocol.Sms, o => o.BodyTemplate = "{ \"text\": {{ text | json }");

        Validating(provider).Should().Throw<OptionsValidationException>().WithMessage("*BodyTemplate does not parse: BodyTemplate(1,*");
    }

    [Fact]
    public void Template_with_an_unknown_variable_fails_at_start()
    {
        using var provider = Build(Protocol.Sms, o => o.BodyTemplate = "{ \"to\": {{ phone | json }} }");

        Validating(provider).Should().Throw<OptionsValidationException>().WithMessage("*BodyTemplate fails to render*phone*");
    }

    [Fact]
    public void Template_cannot_evaluate_text_as_code()
    {
        using var provider = Build(Protocol.Sms, o => o.BodyTemplate = "{ \"x\": {{ object.eval \"1 + 1\" }} }");

        Validating(provider).Should().Throw<OptionsValidationException>().WithMessage("*BodyTemplate fails to render*");
    }

    [Theory]
    [InlineData("include \"secrets\"")]
    [InlineData("include_join [\"a\", \"b\"] \",\"")]
    [InlineData("object.eval_template \"{{ 1 }}\"")]
    [InlineData("date.now")]
    [InlineData("text.Length")]
    public void Template_cannot_load_evaluate_read_the_clock_or_reach_NET_members(string expression)
    {
        using var provider = Build(Protocol.Sms, o => o.BodyTemplate = "{ \"x\": {{ " + expression + " | json }} }");

        Validating(provider).Should().Throw<OptionsValidationException>().WithMessage("*BodyTemplate fails to render*");
    }

    [Fact]
    public void Template_with_an_endless_loop_is_stopped()
    {
        using var provider = Build(Protocol.Sms, o => o.BodyTemplate = "{ \"x\": \"{{ for i in 1..100000 }}a{{ end }}\" }");

        Validating(provider).Should().Throw<OptionsValidationException>().WithMessage("*BodyTemplate fails to render*");
    }

    [Fact]
    public void Plain_http_to_a_remote_host_is_refused()
    {
        using var provider = Build(Protocol.Sms, o => o.Url = new Uri("http://sms.example.dk/send"));

        Validating(provider).Should().Throw<OptionsValidationException>().WithMessage("*uses http: use https*");
    }

    [Fact]
    public void Validation_messages_never_contain_credentials_in_the_url()
    {
        using var provider = Build(Protocol.Sms, o => o.Url = new Uri("http://bruger:hemmelig@sms.example.dk/send?apikey=hemmelig"));

        Validating(provider).Should().Throw<OptionsValidationException>().Which.Message.Should().NotContain("hemmelig");
    }

    [Fact]
    public void An_option_bound_from_configuration_is_named_by_its_configuration_path()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cicero:Notifications:Http:Sms:SenderName"] = "Bibliotek",
        }).Build();
        var services = new ServiceCollection();
        services.AddCiceroNotifications(_ => { }).AddHttpChannel(Protocol.Sms, configuration.GetSection("Cicero:Notifications:Http:Sms"));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptionsMonitor<HttpChannelOptions>>().Get("Sms");

        act.Should().Throw<OptionsValidationException>().Which.Failures.First().Should().Be(
            "HTTP channel 'Sms': Cicero:Notifications:Http:Sms:Url is not set: give the address messages are POSTed to, for example 'https://sms.example.dk/v1/messages'.");
    }

    [Fact]
    public void Missing_url_fails_at_start()
    {
        using var provider = Build(Protocol.Sms, o => o.Url = null);

        Validating(provider).Should().Throw<OptionsValidationException>().WithMessage("*Url is not set*");
    }

    [Fact]
    public void Validation_messages_never_contain_a_header_value()
    {
        using var provider = Build(Protocol.Sms, o =>
        {
            o.Headers["Content-Type"] = Secret;
            o.Headers["X-Api-Key"] = Secret + "\n";
        });

        Validating(provider).Should().Throw<OptionsValidationException>().Which.Message.Should().NotContain("hemmelig");
    }

    [Fact]
    public void Registering_the_same_protocol_twice_keeps_one_channel()
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(o => o.Types["ReservationReady"] = new NotificationTypeOptions { Protocols = { Protocol.Sms } })
            .AddHttpChannel(Protocol.Sms, Valid)
            .AddHttpChannel(Protocol.Sms, o => o.Timeout = TimeSpan.FromSeconds(3));
        using var provider = services.BuildServiceProvider();

        Validating(provider).Should().NotThrow();
    }

    [Fact]
    public void Null_protocol_is_rejected_naming_the_parameter()
    {
        var builder = new ServiceCollection().AddCiceroNotifications(_ => { });

        var act = () => builder.AddHttpChannel(null!, Valid);

        act.Should().Throw<ArgumentNullException>().WithParameterName("protocol");
    }

    private static Protocol App => Protocol.Parse("App");

    private static void Valid(HttpChannelOptions o)
    {
        o.Url = new Uri("http://127.0.0.1:9/v1/messages");
        o.Headers["X-Api-Key"] = Secret;
    }

    private static ServiceProvider Build(Protocol protocol, Action<HttpChannelOptions> configure, string libraryName = "Biblioteket")
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(o =>
            {
                o.LibraryName = libraryName;
                if (protocol == App)
                {
                    o.UserDefinedProtocols.Add(new UserDefinedProtocolOptions { Name = "App" });
                }
            })
            .AddHttpChannel(protocol, o =>
            {
                Valid(o);
                configure(o);
            });
        return services.BuildServiceProvider();
    }

    private static Action Validating(ServiceProvider provider) => () => provider.GetRequiredService<IStartupValidator>().Validate();
}
