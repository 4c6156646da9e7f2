using Cicero.Notifications.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.MailKit.Tests.DependencyInjection;

public sealed class SmtpEmailRegistrationTests
{
    [Fact]
    public void Options_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "smtp.bibliotek.dk",
            ["Smtp:Port"] = "465",
            ["Smtp:TlsMode"] = "SslOnConnect",
            ["Smtp:SenderAddress"] = "noreply@bibliotek.dk",
            ["Smtp:PoolSize"] = "2",
        }).Build();
        var services = new ServiceCollection();
        services.AddCiceroNotifications(_ => { }).AddSmtpEmail(configuration.GetSection("Smtp"));

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<SmtpEmailOptions>>().Value;

        (options.Host, options.Port, options.TlsMode, options.SenderAddress, options.PoolSize)
            .Should().Be(("smtp.bibliotek.dk", 465, SmtpTlsMode.SslOnConnect, "noreply@bibliotek.dk", 2));
    }

    [Fact]
    public void Sender_name_defaults_to_the_library_name()
    {
        using var provider = Build(_ => { }, libraryName: "Aarhus Bibliotekerne");

        provider.GetRequiredService<IOptions<SmtpEmailOptions>>().Value.SenderName.Should().Be("Aarhus Bibliotekerne");
    }

    [Fact]
    public void Channel_is_registered_for_the_email_protocol()
    {
        using var provider = Build(_ => { });

        Validating(provider).Should().NotThrow("a type that sends e-mail finds its channel");
    }

    [Fact]
    public void Registering_twice_keeps_one_channel()
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(o =>
            {
                o.Verification.BaseUrl = new Uri("https://bibliotek.example.dk/bekraeft-email");
                o.Types["WelcomeBorrower"] = new NotificationTypeOptions { Protocols = { Protocol.Email } };
            })
            .AddSmtpEmail(Valid)
            .AddSmtpEmail(o => o.PoolSize = 2);
        using var provider = services.BuildServiceProvider();

        Validating(provider).Should().NotThrow();
    }

    [Fact]
    public void Bad_options_fail_at_start_naming_each_value()
    {
        using var provider = Build(o =>
        {
            o.Host = "smtp://mail.example.dk";
            o.Port = 0;
            o.SenderAddress = "ikke en adresse";
            o.PoolSize = 0;
        });

        Validating(provider).Should().Throw<OptionsValidationException>()
            .Which.Failures.Should().Contain(f => f.Contains("Host 'smtp://mail.example.dk'"))
            .And.Contain(f => f.Contains("Port 0"))
            .And.Contain(f => f.Contains("SenderAddress 'ikke en adresse'"))
            .And.Contain(f => f.Contains("PoolSize 0"));
    }

    [Fact]
    public void An_option_bound_from_configuration_is_named_by_its_configuration_path()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cicero:Notifications:Smtp:Host"] = "",
            ["Cicero:Notifications:Smtp:SenderAddress"] = "noreply@bibliotek.dk",
        }).Build();
        var services = new ServiceCollection();
        services.AddCiceroNotifications(_ => { }).AddSmtpEmail(configuration.GetSection("Cicero:Notifications:Smtp"));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<SmtpEmailOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().Equal(
            "Cicero:Notifications:Smtp:Host is empty: give the SMTP server's host name, for example 'smtp.example.dk'.");
    }

    [Fact]
    public void An_option_configured_in_code_is_named_as_an_smtp_option()
    {
        using var provider = Build(o => o.Host = "");

        var act = () => provider.GetRequiredService<IOptions<SmtpEmailOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Failures.Should().Equal(
            "Smtp Host is empty: give the SMTP server's host name, for example 'smtp.example.dk'.");
    }

    [Fact]
    public void Missing_host_fails_at_start()
    {
        using var provider = Build(o => o.Host = "");

        Validating(provider).Should().Throw<OptionsValidationException>().WithMessage("*Host is empty*");
    }

    [Fact]
    public void Credentials_in_clear_text_to_a_remote_server_are_refused()
    {
        using var provider = Build(o =>
        {
            o.Host = "smtp.example.dk";
            o.TlsMode = SmtpTlsMode.None;
            o.UserName = "bibliotek";
            o.Password = "hemmeligt-kodeord";
        });

        Validating(provider).Should().Throw<OptionsValidationException>().WithMessage("*clear text*");
    }

    [Fact]
    public void Validation_messages_never_contain_the_password()
    {
        using var provider = Build(o =>
        {
            o.Host = "smtp.example.dk";
            o.TlsMode = SmtpTlsMode.None;
            o.UserName = null;
            o.Password = "hemmeligt-kodeord";
        });

        Validating(provider).Should().Throw<OptionsValidationException>().Which.Message.Should().NotContain("hemmeligt");
    }

    [Fact]
    public void Null_configure_action_is_rejected_naming_the_parameter()
    {
        var builder = new ServiceCollection().AddCiceroNotifications(_ => { });

        var act = () => builder.AddSmtpEmail((Action<SmtpEmailOptions>)null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("configure");
    }

    private static void Valid(SmtpEmailOptions o)
    {
        o.Host = "127.0.0.1";
        o.Port = 2525;
        o.TlsMode = SmtpTlsMode.None;
        o.SenderAddress = "noreply@bibliotek.dk";
    }

    private static ServiceProvider Build(Action<SmtpEmailOptions> configure, string libraryName = "Biblioteket")
    {
        var services = new ServiceCollection();
        services.AddCiceroNotifications(o =>
            {
                o.LibraryName = libraryName;
                o.Verification.BaseUrl = new Uri("https://bibliotek.example.dk/bekraeft-email");
                o.Types["WelcomeBorrower"] = new NotificationTypeOptions { Protocols = { Protocol.Email } };
            })
            .AddSmtpEmail(o =>
            {
                Valid(o);
                configure(o);
            });
        return services.BuildServiceProvider();
    }

    private static Action Validating(ServiceProvider provider) => () => provider.GetRequiredService<IStartupValidator>().Validate();
}
