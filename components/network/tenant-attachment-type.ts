/** The TenantAttachment type token, apart from the component so tools that read previews need not load the Pulumi SDK. */
export const TENANT_ATTACHMENT_TYPE = "grunnmur:network:TenantAttachment";
