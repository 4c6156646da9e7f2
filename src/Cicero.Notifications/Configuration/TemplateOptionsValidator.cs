using Cicero.Notifications.Templates;
using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Configuration;

/// <summary>At start-up: every template parses, and every protocol of every configured type has a template.</summary>
internal sealed class TemplateOptionsValidator(IEnumerable<ITemplateSource> sources) : IValidateOptions<CiceroNotificationsOptions>
{
    public ValidateOptionsResult Validate(string? name, CiceroNotificationsOptions options)
    {
        var failures = TemplateSetupValidator.Validate(options, sources);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
