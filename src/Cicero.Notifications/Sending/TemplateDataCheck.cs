using System.Collections;
using System.Text.Json;

namespace Cicero.Notifications.Sending;

/// <summary>Template data must be plain data (the sandbox never sees .NET objects): checked before anything is stored.</summary>
internal static class TemplateDataCheck
{
    public static void EnsurePlain(IReadOnlyDictionary<string, object?> data)
    {
        foreach (var (key, value) in data)
        {
            if (!IsPlain(value, depth: 0))
            {
                throw new ArgumentException(
                    $"Template data '{key}' holds a {value!.GetType().Name}: use strings, numbers, booleans, dates, or lists and dictionaries of those.",
                    nameof(data));
            }
        }
    }

    private static bool IsPlain(object? value, int depth) => depth <= 16 && value switch
    {
        null or string or bool or char => true,
        byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal => true,
        DateTime or DateTimeOffset or DateOnly or TimeOnly or TimeSpan or Guid => true,
        JsonElement => true,
        IReadOnlyDictionary<string, object?> map => map.Values.All(v => IsPlain(v, depth + 1)),
        IDictionary<string, object?> map => map.Values.All(v => IsPlain(v, depth + 1)),
        IEnumerable list => list.Cast<object?>().All(v => IsPlain(v, depth + 1)),
        _ => false,
    };
}
