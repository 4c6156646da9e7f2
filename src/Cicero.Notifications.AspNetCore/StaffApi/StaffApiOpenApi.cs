using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;

namespace Cicero.Notifications.AspNetCore.StaffApi;

/// <summary>What the OpenAPI document cannot read from typed results: the ETag and If-Match headers of the message endpoints.</summary>
internal static class StaffApiOpenApi
{
    /// <summary>Documents the <c>ETag</c> header of the 200 response: the message's version.</summary>
    public static RouteHandlerBuilder WithETag(this RouteHandlerBuilder endpoint) => endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
    {
        if (operation.Responses?.TryGetValue(StatusCodes.Status200OK.ToString(System.Globalization.CultureInfo.InvariantCulture), out var ok) == true && ok is OpenApiResponse response)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers["ETag"] = new OpenApiHeader
            {
                Description = "The message's version as a strong entity tag, for example \"3\": send it as If-Match with an action.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }

        return Task.CompletedTask;
    });

    /// <summary>Documents the optional <c>If-Match</c> request header of an action.</summary>
    public static RouteHandlerBuilder WithIfMatch(this RouteHandlerBuilder endpoint) => endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "If-Match",
            In = ParameterLocation.Header,
            Description = "The ETag of the version the decision was made on (from GET); 412 when the message has changed since. * or none: the stored version.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
        return Task.CompletedTask;
    });
}
