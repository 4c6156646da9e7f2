using Cicero.Notifications;
using Cicero.Notifications.DependencyInjection;
using Cicero.Notifications.Domain;
using Cicero.Notifications.MailKit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SMTP e-mail channel (MailKit) on an <see cref="ICiceroNotificationsBuilder"/>.</summary>
public static class SmtpEmailBuilderExtensions
{
    /// <summary>
    /// Registers the SMTP channel for <see cref="Protocol.Email"/> with options configured in code. The options are
    /// validated at start-up. Calling it again adds configuration but no second channel.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddCiceroNotifications</c>.</param>
    /// <param name="configure">Configures the SMTP server and sender.</param>
    /// <returns>The builder.</returns>
    public static ICiceroNotificationsBuilder AddSmtpEmail(this ICiceroNotificationsBuilder builder, Action<SmtpEmailOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<SmtpEmailOptions>().Configure(configure);
        return AddCore(builder);
    }

    /// <summary>
    /// Registers the SMTP channel for <see cref="Protocol.Email"/> with options bound from configuration (for example
    /// <c>configuration.GetSection("Cicero:Notifications:Smtp")</c>). The options are validated at start-up; an error names the
    /// option's configuration path (<c>Cicero:Notifications:Smtp:Host</c>).
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddCiceroNotifications</c>.</param>
    /// <param name="configuration">The configuration section holding <see cref="SmtpEmailOptions"/>.</param>
    /// <returns>The builder.</returns>
    public static ICiceroNotificationsBuilder AddSmtpEmail(this ICiceroNotificationsBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<SmtpEmailOptions>().Bind(configuration);
        if (configuration is IConfigurationSection section)
        {
            builder.Services.AddSingleton(new SmtpEmailConfigurationPath(section.Path));
        }

        return AddCore(builder);
    }

    private static ICiceroNotificationsBuilder AddCore(ICiceroNotificationsBuilder builder)
    {
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(SmtpEmailChannel)))
        {
            return builder;
        }

        services.AddOptionsWithValidateOnStart<SmtpEmailOptions, SmtpEmailOptionsValidator>()
            .PostConfigure<IOptions<CiceroNotificationsOptions>>((smtp, notifications) => smtp.SenderName ??= notifications.Value.LibraryName);
        return builder.AddChannel<SmtpEmailChannel>(Protocol.Email);
    }
}
