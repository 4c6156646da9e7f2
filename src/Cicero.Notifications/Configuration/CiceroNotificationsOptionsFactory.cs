using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Configuration;

/// <summary>
/// Creates <see cref="CiceroNotificationsOptions"/> as the default <see cref="OptionsFactory{TOptions}"/> does, and makes
/// its start-up error point at the cause: an empty or missing configuration section is the one error reported (naming the
/// section path), each problem is on a line of its own (<see cref="SetupValidationException"/>), and when the options
/// came from configuration an option's path at the start of a problem becomes the configuration path
/// (<c>Dispatch.BatchSize</c> → <c>Cicero:Notifications:Dispatch:BatchSize</c>, <c>UserDefinedProtocols[0].Address</c> →
/// <c>Cicero:Notifications:UserDefinedProtocols:0:Address</c>).
/// </summary>
internal sealed partial class CiceroNotificationsOptionsFactory(
    IEnumerable<IConfigureOptions<CiceroNotificationsOptions>> setups,
    IEnumerable<IPostConfigureOptions<CiceroNotificationsOptions>> postConfigures,
    IEnumerable<IValidateOptions<CiceroNotificationsOptions>> validations,
    IEnumerable<CiceroNotificationsConfiguration> configurations) : IOptionsFactory<CiceroNotificationsOptions>
{
    private readonly OptionsFactory<CiceroNotificationsOptions> _inner = new(setups, postConfigures, validations);
    private readonly List<CiceroNotificationsConfiguration> _configurations = configurations.ToList();

    public CiceroNotificationsOptions Create(string name)
    {
        foreach (var configuration in _configurations)
        {
            if (!configuration.Section.GetChildren().Any())
            {
                var what = configuration.Path is { } path ? $"Configuration section '{path}' is missing or empty" : "The configuration is empty";
                throw new SetupValidationException(name, typeof(CiceroNotificationsOptions),
                [
                    $"{what}: AddCiceroNotifications(IConfiguration) found no settings in it. Check the section name and that the file holding it (for example appsettings.json) is loaded.",
                ]);
            }
        }

        try
        {
            return _inner.Create(name);
        }
        catch (OptionsValidationException ex)
        {
            // One configuration section: option paths become its paths. Several (or code): the option paths stay.
            var prefix = _configurations.Count == 1 ? _configurations[0].Path : null;
            var failures = ex.Failures.Select(f => prefix is null ? f : WithConfigurationPath(f, prefix)).Distinct();
            throw new SetupValidationException(ex.OptionsName, ex.OptionsType, failures);
        }
    }

    /// <summary>Turns a leading option path (<c>Retry.MaxAttempts</c>, <c>UserDefinedProtocols[1].Address</c>) into a configuration path.</summary>
    internal static string WithConfigurationPath(string failure, string prefix)
    {
        var match = LeadingOptionPath().Match(failure);
        if (!match.Success || !IsOptionPath(match.Value))
        {
            return failure;
        }

        var path = IndexPattern().Replace(match.Value, ":$1").Replace('.', ':');
        return $"{prefix}:{path}{failure[match.Length..]}";
    }

    private static bool IsOptionPath(string path)
    {
        var type = typeof(CiceroNotificationsOptions);
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            var property = type.GetProperty(bracket < 0 ? part : part[..bracket], BindingFlags.Public | BindingFlags.Instance);
            if (property is null)
            {
                return false;
            }

            type = property.PropertyType;
            if (bracket >= 0)
            {
                var element = type.IsGenericType ? type.GetGenericArguments()[^1] : null;
                if (element is null)
                {
                    return false;
                }

                type = element;
            }
        }

        return true;
    }

    [GeneratedRegex(@"^[A-Z][A-Za-z]*(?:\[\d+\])?(?:\.[A-Z][A-Za-z]*(?:\[\d+\])?)*(?=[ :,.]|$)")]
    private static partial Regex LeadingOptionPath();

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex IndexPattern();
}
