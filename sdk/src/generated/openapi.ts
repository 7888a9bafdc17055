/**
 * Generated from the OpenAPI document Tessera serves at GET /v2/docs/openapi.json.
 * Do not edit: run `npm run sdk:types` after changing a route (see sdk/README.md).
 */
/* eslint-disable */

export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: 200 once the server accepts requests */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: 200 while the process serves (restart it when this fails) */
        get: operations["getLiveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: 200 when start-up has finished, the database answers, migrations are current, the change feed is live and no shutdown has begun; 503 naming the failing checks otherwise */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics (operator key, or TESSERA_METRICS_TOKEN): requests, refreshes, token checks, rate limiting, pool, change feed, deliveries, faults, Node.js runtime */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/whoami": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the presented key is: the operator key, or an API key (role, organization) */
        get: operations["whoami"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/oauth-clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the organization's OAuth clients (any role) */
        get: operations["OAuthClientsController_getOAuthClients"];
        put?: never;
        /**
         * Create an OAuth client (OWNER, ADMIN)
         * @description The secret is in this response only; Tessera keeps just a keyed hash of it.
         */
        post: operations["OAuthClientsController_createOAuthClient"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/oauth-clients/{clientId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get an OAuth client (any role) */
        get: operations["OAuthClientsController_getOAuthClientById"];
        put?: never;
        post?: never;
        /** Delete an OAuth client, its managed users and their tokens (OWNER, ADMIN) */
        delete: operations["OAuthClientsController_deleteOAuthClient"];
        options?: never;
        head?: never;
        /**
         * Update an OAuth client (OWNER, ADMIN)
         * @description Unlike Cal.com, `permissions` can be changed here (there is no dashboard).
         */
        patch: operations["OAuthClientsController_updateOAuthClient"];
        trace?: never;
    };
    "/v2/oauth-clients/{clientId}/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Rotation state of the client secret (never the secret itself) */
        get: operations["getOAuthClientSecretState"];
        put?: never;
        /**
         * Rotate the client secret without downtime (OWNER, ADMIN)
         * @description Returns the new secret once. The previous secret keeps working for TESSERA_SECRET_ROTATION_GRACE_SECONDS, or until DELETE …/secret/previous.
         */
        post: operations["rotateClientSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/oauth-clients/{clientId}/secret/previous": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** End the grace period of the previous secret now (OWNER, ADMIN) */
        delete: operations["revokePreviousClientSecret"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/oauth-clients/{clientId}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List managed users, oldest first */
        get: operations["OAuthClientUsersController_getManagedUsers"];
        put?: never;
        /** Create a managed user and its first tokens (one transaction) */
        post: operations["OAuthClientUsersController_createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/oauth-clients/{clientId}/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a managed user */
        get: operations["OAuthClientUsersController_getUserById"];
        put?: never;
        post?: never;
        /** Delete a managed user and revoke its tokens; returns the user as it was */
        delete: operations["OAuthClientUsersController_deleteUser"];
        options?: never;
        head?: never;
        /** Update a managed user */
        patch: operations["OAuthClientUsersController_updateUser"];
        trace?: never;
    };
    "/v2/oauth-clients/{clientId}/users/{userId}/force-refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke all of the user's tokens under this client and issue a new pair */
        post: operations["OAuthClientUsersController_forceRefresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/oauth-clients/{clientId}/users/{userId}/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a managed user's sessions, newest first */
        get: operations["listUserSessions"];
        put?: never;
        post?: never;
        /** Revoke all of a managed user's sessions (its tokens stop working at once) */
        delete: operations["revokeUserSessions"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/oauth-clients/{clientId}/users/{userId}/sessions/{sessionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke one session */
        delete: operations["revokeUserSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/oauth/{clientId}/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refresh a managed user’s tokens (rotation, exactly once)
         * @description The first use of a refresh token rotates it. Presenting it again within TESSERA_REFRESH_REUSE_INTERVAL_SECONDS returns the same successor pair (header `x-tessera-refresh-reuse: duplicate`); an older token revokes the whole session (`x-tessera-refresh-reuse: replay`, 400).
         */
        post: operations["OAuthFlowController_refreshTokens"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The managed user of the access token (client needs PROFILE_READ) */
        get: operations["MeController_getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update the managed user of the access token (client needs PROFILE_WRITE)
         * @description Same rules as PATCH on the client route: a new email gets the +clientId suffix and a new username (Cal.com wrote it raw here).
         */
        patch: operations["MeController_updateMe"];
        trace?: never;
    };
    "/v2/provider/{clientId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Check that an OAuth client exists (no authentication; used by the atoms)
         * @description Reveals only the id, organization and name of a client. An unknown id gets 401, as in Cal.com.
         */
        get: operations["CalProviderController_verifyClientId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/provider/{clientId}/access-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Check an access token of this client's managed users, or the client's secret
         * @description 200 when `Authorization: Bearer` carries a live access token issued to this client (its Origin, if sent, must match a redirect URI), or `x-cal-secret-key` carries its secret. 498 when the access token has expired: the atoms refresh on 498 or 401.
         */
        get: operations["CalProviderController_verifyAccessToken"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/oauth-clients/{clientId}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Security events of a client and its users, newest first */
        get: operations["listClientAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/oauth-clients/{clientId}/users/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search managed users by part of their email or name, one page and the total
         * @description Case-insensitive substring match on the stored email and the name; oldest first, like the list. `total` counts every match, so a page of thousands is reached without loading them.
         */
        get: operations["searchManagedUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/organizations/{orgId}/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify the organization's audit hash chain (OWNER, ADMIN) */
        post: operations["verifyOrganizationAuditChain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/oauth-clients/{clientId}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhooks, oldest first (skip/take as Cal.com) */
        get: operations["listClientWebhooks"];
        put?: never;
        /** Create a webhook (the response carries its secret, once) */
        post: operations["createClientWebhook"];
        /** Delete every webhook (Cal.com answers with a sentence) */
        delete: operations["deleteAllClientWebhooks"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/oauth-clients/{clientId}/webhooks/{webhookId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a webhook */
        get: operations["getClientWebhook"];
        put?: never;
        post?: never;
        /** Delete a webhook and its delivery log */
        delete: operations["deleteClientWebhook"];
        options?: never;
        head?: never;
        /** Update a webhook (a new `secret` rotates it: the old one keeps signing for the grace period) */
        patch: operations["updateClientWebhook"];
        trace?: never;
    };
    "/v2/oauth-clients/{clientId}/webhooks/{webhookId}/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the signing secret without downtime (generated unless given)
         * @description Returns the new secret once. During TESSERA_WEBHOOK_SECRET_ROTATION_GRACE_SECONDS deliveries carry a Standard Webhooks signature by each secret; `X-Cal-Signature-256` uses the new one.
         */
        post: operations["rotateClientWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/oauth-clients/{clientId}/webhooks/{webhookId}/ping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a test delivery (triggerEvent PING) now; its result appears in the delivery log */
        post: operations["pingClientWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/oauth-clients/{clientId}/webhooks/{webhookId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Delivery log, newest first: each message with its attempts */
        get: operations["listClientWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/oauth-clients/{clientId}/webhooks/{webhookId}/deliveries/{deliveryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One delivery with its attempts */
        get: operations["getClientWebhookDelivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/oauth-clients/{clientId}/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery again now, with the same webhook-id and a new round of retries */
        post: operations["redeliverClientWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/organizations/{orgId}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhooks, oldest first (skip/take as Cal.com) */
        get: operations["listOrganizationWebhooks"];
        put?: never;
        /** Create a webhook (the response carries its secret, once) */
        post: operations["createOrganizationWebhook"];
        /** Delete every webhook (Cal.com answers with a sentence) */
        delete: operations["deleteAllOrganizationWebhooks"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/organizations/{orgId}/webhooks/{webhookId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a webhook */
        get: operations["getOrganizationWebhook"];
        put?: never;
        post?: never;
        /** Delete a webhook and its delivery log */
        delete: operations["deleteOrganizationWebhook"];
        options?: never;
        head?: never;
        /** Update a webhook (a new `secret` rotates it: the old one keeps signing for the grace period) */
        patch: operations["updateOrganizationWebhook"];
        trace?: never;
    };
    "/v2/organizations/{orgId}/webhooks/{webhookId}/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the signing secret without downtime (generated unless given)
         * @description Returns the new secret once. During TESSERA_WEBHOOK_SECRET_ROTATION_GRACE_SECONDS deliveries carry a Standard Webhooks signature by each secret; `X-Cal-Signature-256` uses the new one.
         */
        post: operations["rotateOrganizationWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/organizations/{orgId}/webhooks/{webhookId}/ping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a test delivery (triggerEvent PING) now; its result appears in the delivery log */
        post: operations["pingOrganizationWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/organizations/{orgId}/webhooks/{webhookId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Delivery log, newest first: each message with its attempts */
        get: operations["listOrganizationWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/organizations/{orgId}/webhooks/{webhookId}/deliveries/{deliveryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One delivery with its attempts */
        get: operations["getOrganizationWebhookDelivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/organizations/{orgId}/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery again now, with the same webhook-id and a new round of retries */
        post: operations["redeliverOrganizationWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/admin/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhooks, oldest first (skip/take as Cal.com) */
        get: operations["listOperatorWebhooks"];
        put?: never;
        /** Create a webhook (the response carries its secret, once) */
        post: operations["createOperatorWebhook"];
        /** Delete every webhook (Cal.com answers with a sentence) */
        delete: operations["deleteAllOperatorWebhooks"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/admin/webhooks/{webhookId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a webhook */
        get: operations["getOperatorWebhook"];
        put?: never;
        post?: never;
        /** Delete a webhook and its delivery log */
        delete: operations["deleteOperatorWebhook"];
        options?: never;
        head?: never;
        /** Update a webhook (a new `secret` rotates it: the old one keeps signing for the grace period) */
        patch: operations["updateOperatorWebhook"];
        trace?: never;
    };
    "/v2/admin/webhooks/{webhookId}/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the signing secret without downtime (generated unless given)
         * @description Returns the new secret once. During TESSERA_WEBHOOK_SECRET_ROTATION_GRACE_SECONDS deliveries carry a Standard Webhooks signature by each secret; `X-Cal-Signature-256` uses the new one.
         */
        post: operations["rotateOperatorWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/admin/webhooks/{webhookId}/ping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a test delivery (triggerEvent PING) now; its result appears in the delivery log */
        post: operations["pingOperatorWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/admin/webhooks/{webhookId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Delivery log, newest first: each message with its attempts */
        get: operations["listOperatorWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/admin/webhooks/{webhookId}/deliveries/{deliveryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One delivery with its attempts */
        get: operations["getOperatorWebhookDelivery"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/admin/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery again now, with the same webhook-id and a new round of retries */
        post: operations["redeliverOperatorWebhookDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/admin/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List organizations */
        get: operations["listOrganizations"];
        put?: never;
        /** Create an organization and its first OWNER API key */
        post: operations["createOrganization"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/admin/organizations/{orgId}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** API keys of an organization (names and roles; key values are never shown again) */
        get: operations["listApiKeys"];
        put?: never;
        /** Issue an organization API key */
        post: operations["createOrganizationApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/admin/organizations/{orgId}/api-keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an organization API key (it stops working at once) */
        delete: operations["revokeOrganizationApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/admin/signing-keys/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate the access-token signing key
         * @description The new key is published in the JWKS at once and starts signing at `activatesAt` (after TESSERA_SIGNING_KEY_ACTIVATION_DELAY_SECONDS, so verifiers caching the JWKS already know it); the previous key signs until then, and keeps verifying until the last token it signed has expired, then leaves the JWKS. 409 while a rotation is pending.
         */
        post: operations["rotateSigningKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/admin/organizations/{orgId}/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import OAuth clients and managed users keeping their ids and secrets
         * @description Idempotent: an identical record is skipped, a different one is reported as a conflict and left alone. With dryRun=true nothing is written and the report says what would happen. One audit event per imported record. Bodies up to 1 MiB (a few thousand users): import a large organization in several requests, as `tessera import` does.
         */
        post: operations["importOrganization"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/admin/signing-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Signing keys, newest first: the active one and retired ones still verifying */
        get: operations["listSigningKeys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/admin/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All security events, newest first */
        get: operations["listAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/admin/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify the audit hash chains; pinpoints the first altered or missing row */
        post: operations["verifyAuditChains"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/ssf-configuration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Shared Signals transmitter metadata (SSF 1.0 §7) */
        get: operations["getSsfConfiguration"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/ssf/streams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a stream (stream_id), or list them all */
        get: operations["readSsfStreams"];
        /** Replace every receiver-supplied property (§8.1.1.4) */
        put: operations["replaceSsfStream"];
        /** Create a stream (push delivery only) */
        post: operations["createSsfStream"];
        /** Delete a stream and its pending events */
        delete: operations["deleteSsfStream"];
        options?: never;
        head?: never;
        /** Update the properties sent (§8.1.1.3) */
        patch: operations["updateSsfStream"];
        trace?: never;
    };
    "/v2/ssf/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a stream's status */
        get: operations["getSsfStreamStatus"];
        put?: never;
        /** Enable, pause (events are held) or disable (events are dropped) a stream */
        post: operations["updateSsfStreamStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/ssf/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a verification event carrying `state` over the stream */
        post: operations["verifySsfStream"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/oauth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Token endpoint (RFC 6749 §6): grant_type=refresh_token
         * @description Form-encoded or JSON. Client authentication: client_secret_basic or client_secret_post.
         */
        post: operations["requestToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/oauth/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Token revocation (RFC 7009)
         * @description 200 with an empty body whether or not the token was valid (§2.2). A token of another client is left alone, with the same 200, so its validity is not revealed.
         */
        post: operations["revokeToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/oauth/introspect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Token introspection (RFC 7662) */
        post: operations["introspectToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/oauth-authorization-server": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Authorization server metadata (RFC 8414) */
        get: operations["getAuthorizationServerMetadata"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/openid-configuration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same metadata where OpenID Connect Discovery clients look for it */
        get: operations["getOpenIdConfiguration"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Public keys of access-token signatures (empty in HS256 mode) */
        get: operations["getJwks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Cal.com's error envelope */
        ErrorEnvelope: {
            /** @enum {string} */
            status: "error";
            /** Format: date-time */
            timestamp: string;
            path: string;
            error: {
                /** @example NotFoundException */
                code: string;
                message: string;
                /** @description Absent on some errors (429, 5xx) */
                details?: {
                    message: string;
                    error: string;
                    statusCode: number;
                } | {
                    errors: {
                        /** @description The field, dotted for nested ones */
                        property: string;
                        /** @description Failed rule → message, e.g. {"isEmail": "email must be an email"} */
                        constraints: {
                            [key: string]: string;
                        };
                    }[];
                } | string;
            };
        };
        Keys: {
            accessToken: string;
            refreshToken: string;
            /** @description Epoch milliseconds */
            accessTokenExpiresAt: number;
            /** @description Epoch milliseconds */
            refreshTokenExpiresAt: number;
        };
        /** @description An OAuth client. The secret is never part of it. */
        OAuthClient: {
            id: string;
            name: string;
            permissions: ("EVENT_TYPE_READ" | "EVENT_TYPE_WRITE" | "BOOKING_READ" | "BOOKING_WRITE" | "SCHEDULE_READ" | "SCHEDULE_WRITE" | "APPS_READ" | "APPS_WRITE" | "PROFILE_READ" | "PROFILE_WRITE")[];
            logo: string | null;
            redirectUris: string[];
            organizationId: number;
            /** Format: date-time */
            createdAt: string;
            areEmailsEnabled: boolean;
            areDefaultEventTypesEnabled: boolean;
            areCalendarEventsEnabled: boolean;
            bookingRedirectUri?: string;
            bookingCancelRedirectUri?: string;
            bookingRescheduleRedirectUri?: string;
        };
        ManagedUser: {
            id: number;
            email: string;
            username: string | null;
            name: string | null;
            bio: string | null;
            timeZone: string;
            weekStart: string;
            /** Format: date-time */
            createdDate: string;
            timeFormat: number | null;
            defaultScheduleId: number | null;
            locale: string | null;
            avatarUrl: string | null;
            metadata?: {
                [key: string]: string | number | boolean;
            };
        };
        /** @description A webhook subscription. Its secret is shown only once. */
        Webhook: {
            /** Format: uuid */
            id: string;
            subscriberUrl: string;
            active: boolean;
            triggers: string[];
            payloadTemplate: string | null;
            /** @description Client-level webhooks */
            oAuthClientId?: string;
            /** @description Organization-level webhooks */
            organizationId?: number;
            /** @description Only in the response of the request that set it */
            secret?: string;
            /** @description Why Tessera switched it off (410 Gone, or failing for the whole retry schedule) */
            disabledReason: string | null;
            /** @description Until then deliveries also carry a signature by the previous secret */
            previousSecretExpiresAt: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /** @description One message to one endpoint, with its attempts */
        Delivery: {
            /** Format: uuid */
            id: string;
            /** @description `webhook-id`: the same on every attempt */
            messageId: string;
            /** @enum {unknown} */
            kind: "event" | "ping" | "verification" | "stream_updated";
            eventId: number | null;
            triggerEvent: string | null;
            /** @enum {unknown} */
            status: "pending" | "delivered" | "failed" | "discarded";
            /**
             * @example delivered
             * @example retrying
             * @example gone
             * @example exhausted
             * @example endpoint_disabled
             */
            outcome: string | null;
            attempts: number;
            /** Format: date-time */
            createdAt: string;
            nextAttemptAt: string | null;
            finishedAt: string | null;
            attemptLog: {
                attempt: number;
                /** Format: date-time */
                at: string;
                succeeded: boolean;
                latencyMs: number;
                responseCode: number | null;
                /** @description The first 1 KiB of the response body */
                responseBody: string | null;
                /** @description Why no response arrived (refused, timed out…) */
                error: string | null;
            }[];
        };
        /** @description SSF 1.0 §8.1.1 stream configuration */
        SsfStreamConfig: {
            stream_id: string;
            iss: string;
            /** @description The OAuth client id of the receiver */
            aud: string;
            delivery: {
                /** @enum {string} */
                method: "urn:ietf:rfc:8935";
                endpoint_url: string;
                /** @description Whether an authorization header is sent with every push (the value is never shown) */
                authorization_header_set: boolean;
            };
            events_supported: string[];
            events_requested: string[];
            events_delivered: string[];
            min_verification_interval: number;
            description?: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
        };
    };
    getLiveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: "ok" | "unavailable";
                        /** @description Names of the checks that failed */
                        failing: string[];
                        checks: {
                            database: {
                                ok: boolean;
                                message?: string;
                            };
                            migrations: {
                                ok: boolean;
                                message?: string;
                            };
                            changeFeed: {
                                ok: boolean;
                                message?: string;
                            };
                            shutdown: {
                                ok: boolean;
                                message?: string;
                            };
                            startup: {
                                ok: boolean;
                                message?: string;
                            };
                        };
                    };
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: "ok" | "unavailable";
                        /** @description Names of the checks that failed */
                        failing: string[];
                        checks: {
                            database: {
                                ok: boolean;
                                message?: string;
                            };
                            migrations: {
                                ok: boolean;
                                message?: string;
                            };
                            changeFeed: {
                                ok: boolean;
                                message?: string;
                            };
                            shutdown: {
                                ok: boolean;
                                message?: string;
                            };
                            startup: {
                                ok: boolean;
                                message?: string;
                            };
                        };
                    };
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    whoami: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            /** @enum {string} */
                            kind: "operator";
                        } | {
                            /** @enum {string} */
                            kind: "api_key";
                            keyId: string;
                            keyName: string | null;
                            /** @enum {unknown} */
                            role: "OWNER" | "ADMIN" | "MEMBER";
                            organizationId: number;
                            organizationName: string;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    OAuthClientsController_getOAuthClients: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: components["schemas"]["OAuthClient"][];
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    OAuthClientsController_createOAuthClient: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    redirectUris: string[];
                    permissions: ("EVENT_TYPE_READ" | "EVENT_TYPE_WRITE" | "BOOKING_READ" | "BOOKING_WRITE" | "SCHEDULE_READ" | "SCHEDULE_WRITE" | "APPS_READ" | "APPS_WRITE" | "PROFILE_READ" | "PROFILE_WRITE" | "*")[];
                    logo?: string | null;
                    bookingRedirectUri?: string | null;
                    bookingCancelRedirectUri?: string | null;
                    bookingRescheduleRedirectUri?: string | null;
                    areEmailsEnabled?: boolean;
                    areDefaultEventTypesEnabled?: boolean;
                    areCalendarEventsEnabled?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            clientId: string;
                            /** @description Shown once; store it now */
                            clientSecret: string;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    OAuthClientsController_getOAuthClientById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        /** @description An OAuth client. The secret is never part of it. */
                        data: {
                            id: string;
                            name: string;
                            permissions: ("EVENT_TYPE_READ" | "EVENT_TYPE_WRITE" | "BOOKING_READ" | "BOOKING_WRITE" | "SCHEDULE_READ" | "SCHEDULE_WRITE" | "APPS_READ" | "APPS_WRITE" | "PROFILE_READ" | "PROFILE_WRITE")[];
                            logo: string | null;
                            redirectUris: string[];
                            organizationId: number;
                            /** Format: date-time */
                            createdAt: string;
                            areEmailsEnabled: boolean;
                            areDefaultEventTypesEnabled: boolean;
                            areCalendarEventsEnabled: boolean;
                            bookingRedirectUri?: string;
                            bookingCancelRedirectUri?: string;
                            bookingRescheduleRedirectUri?: string;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    OAuthClientsController_deleteOAuthClient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        /** @description An OAuth client. The secret is never part of it. */
                        data: {
                            id: string;
                            name: string;
                            permissions: ("EVENT_TYPE_READ" | "EVENT_TYPE_WRITE" | "BOOKING_READ" | "BOOKING_WRITE" | "SCHEDULE_READ" | "SCHEDULE_WRITE" | "APPS_READ" | "APPS_WRITE" | "PROFILE_READ" | "PROFILE_WRITE")[];
                            logo: string | null;
                            redirectUris: string[];
                            organizationId: number;
                            /** Format: date-time */
                            createdAt: string;
                            areEmailsEnabled: boolean;
                            areDefaultEventTypesEnabled: boolean;
                            areCalendarEventsEnabled: boolean;
                            bookingRedirectUri?: string;
                            bookingCancelRedirectUri?: string;
                            bookingRescheduleRedirectUri?: string;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    OAuthClientsController_updateOAuthClient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    redirectUris?: string[];
                    permissions?: ("EVENT_TYPE_READ" | "EVENT_TYPE_WRITE" | "BOOKING_READ" | "BOOKING_WRITE" | "SCHEDULE_READ" | "SCHEDULE_WRITE" | "APPS_READ" | "APPS_WRITE" | "PROFILE_READ" | "PROFILE_WRITE" | "*")[];
                    logo?: string | null;
                    bookingRedirectUri?: string | null;
                    bookingCancelRedirectUri?: string | null;
                    bookingRescheduleRedirectUri?: string | null;
                    areEmailsEnabled?: boolean;
                    areDefaultEventTypesEnabled?: boolean;
                    areCalendarEventsEnabled?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        /** @description An OAuth client. The secret is never part of it. */
                        data: {
                            id: string;
                            name: string;
                            permissions: ("EVENT_TYPE_READ" | "EVENT_TYPE_WRITE" | "BOOKING_READ" | "BOOKING_WRITE" | "SCHEDULE_READ" | "SCHEDULE_WRITE" | "APPS_READ" | "APPS_WRITE" | "PROFILE_READ" | "PROFILE_WRITE")[];
                            logo: string | null;
                            redirectUris: string[];
                            organizationId: number;
                            /** Format: date-time */
                            createdAt: string;
                            areEmailsEnabled: boolean;
                            areDefaultEventTypesEnabled: boolean;
                            areCalendarEventsEnabled: boolean;
                            bookingRedirectUri?: string;
                            bookingCancelRedirectUri?: string;
                            bookingRescheduleRedirectUri?: string;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getOAuthClientSecretState: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            /** @description Until then the previous secret keeps working; null: none does */
                            previousSecretExpiresAt: string | null;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    rotateClientSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            /** @description The new secret, shown once */
                            clientSecret: string;
                            /**
                             * Format: date-time
                             * @description Until then the previous secret keeps working
                             */
                            previousSecretExpiresAt: string;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    revokePreviousClientSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            previousSecretRevoked: boolean;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    OAuthClientUsersController_getManagedUsers: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                /** @description Comma-separated; original or stored (suffixed) addresses */
                emails?: string;
            };
            header?: never;
            path: {
                clientId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: components["schemas"]["ManagedUser"][];
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    OAuthClientUsersController_createUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: email
                     * @description Stored as local+<clientId>@domain, lower-cased
                     */
                    email: string;
                    /** @description Used in emails */
                    name: string;
                    /**
                     * @description 12 or 24 (numeric strings are accepted)
                     * @enum {unknown}
                     */
                    timeFormat?: 12 | 24;
                    /** @enum {unknown} */
                    weekStart?: "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday";
                    /** @description IANA time zone, re-cased as Cal.com does (america/new_york); null counts as not given */
                    timeZone?: string | null;
                    /** @enum {unknown} */
                    locale?: "ar" | "ca" | "de" | "es" | "eu" | "he" | "id" | "ja" | "lv" | "pl" | "ro" | "sr" | "th" | "vi" | "az" | "cs" | "el" | "es-419" | "fi" | "hr" | "it" | "km" | "nl" | "pt" | "ru" | "sv" | "tr" | "zh-CN" | "bg" | "da" | "en" | "et" | "fr" | "hu" | "iw" | "ko" | "no" | "pt-BR" | "sk" | "ta" | "uk" | "zh-TW" | "bn";
                    /**
                     * Format: uri
                     * @description http(s) URL
                     */
                    avatarUrl?: string;
                    bio?: string;
                    /** @description At most 50 keys of up to 40 characters; string (≤500), number or boolean values */
                    metadata?: {
                        [key: string]: string | number | boolean;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            user: components["schemas"]["ManagedUser"];
                            accessToken: string;
                            /** @description Epoch milliseconds */
                            accessTokenExpiresAt: number;
                            refreshToken: string;
                            /** @description Epoch milliseconds */
                            refreshTokenExpiresAt: number;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    OAuthClientUsersController_getUserById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
                /** @description Numeric managed-user id */
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            id: number;
                            email: string;
                            username: string | null;
                            name: string | null;
                            bio: string | null;
                            timeZone: string;
                            weekStart: string;
                            /** Format: date-time */
                            createdDate: string;
                            timeFormat: number | null;
                            defaultScheduleId: number | null;
                            locale: string | null;
                            avatarUrl: string | null;
                            metadata?: {
                                [key: string]: string | number | boolean;
                            };
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    OAuthClientUsersController_deleteUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
                /** @description Numeric managed-user id */
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            id: number;
                            email: string;
                            username: string | null;
                            name: string | null;
                            bio: string | null;
                            timeZone: string;
                            weekStart: string;
                            /** Format: date-time */
                            createdDate: string;
                            timeFormat: number | null;
                            defaultScheduleId: number | null;
                            locale: string | null;
                            avatarUrl: string | null;
                            metadata?: {
                                [key: string]: string | number | boolean;
                            };
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    OAuthClientUsersController_updateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
                /** @description Numeric managed-user id */
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: email
                     * @description Stored as local+<clientId>@domain
                     */
                    email?: string;
                    /** @description Used in emails */
                    name?: string;
                    /** @description Kept as given (Tessera has no schedules); null clears it */
                    defaultScheduleId?: number | null;
                    /**
                     * @description 12 or 24 (numeric strings are accepted)
                     * @enum {unknown}
                     */
                    timeFormat?: 12 | 24;
                    /** @enum {unknown} */
                    weekStart?: "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday";
                    /** @description IANA time zone, re-cased as Cal.com does (america/new_york); null counts as not given */
                    timeZone?: string | null;
                    locale?: ("ar" | "ca" | "de" | "es" | "eu" | "he" | "id" | "ja" | "lv" | "pl" | "ro" | "sr" | "th" | "vi" | "az" | "cs" | "el" | "es-419" | "fi" | "hr" | "it" | "km" | "nl" | "pt" | "ru" | "sv" | "tr" | "zh-CN" | "bg" | "da" | "en" | "et" | "fr" | "hu" | "iw" | "ko" | "no" | "pt-BR" | "sk" | "ta" | "uk" | "zh-TW" | "bn") | null;
                    /** @description http(s) URL; null clears it */
                    avatarUrl?: string | null;
                    bio?: string | null;
                    metadata?: {
                        [key: string]: string | number | boolean;
                    } | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            id: number;
                            email: string;
                            username: string | null;
                            name: string | null;
                            bio: string | null;
                            timeZone: string;
                            weekStart: string;
                            /** Format: date-time */
                            createdDate: string;
                            timeFormat: number | null;
                            defaultScheduleId: number | null;
                            locale: string | null;
                            avatarUrl: string | null;
                            metadata?: {
                                [key: string]: string | number | boolean;
                            };
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    OAuthClientUsersController_forceRefresh: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
                /** @description Numeric managed-user id */
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            accessToken: string;
                            refreshToken: string;
                            /** @description Epoch milliseconds */
                            accessTokenExpiresAt: number;
                            /** @description Epoch milliseconds */
                            refreshTokenExpiresAt: number;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listUserSessions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
                /** @description Numeric managed-user id */
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            /** @description The token family id (`sid` claim of its access tokens) */
                            id: string;
                            /** @enum {unknown} */
                            origin: "user_created" | "force_refresh";
                            /** Format: date-time */
                            createdAt: string;
                            lastRefreshedAt: string | null;
                            /** @description How many times it was refreshed */
                            generation: number;
                            /** Format: date-time */
                            refreshTokenExpiresAt: string;
                            revoked: boolean;
                            revokedAt: string | null;
                            revokedReason: string | null;
                        }[];
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    revokeUserSessions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
                /** @description Numeric managed-user id */
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            revoked: number;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    revokeUserSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
                /** @description Numeric managed-user id */
                userId: string;
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            revoked: number;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    OAuthFlowController_refreshTokens: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    refreshToken: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            accessToken: string;
                            refreshToken: string;
                            /** @description Epoch milliseconds */
                            accessTokenExpiresAt: number;
                            /** @description Epoch milliseconds */
                            refreshTokenExpiresAt: number;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    MeController_getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            id: number;
                            username: string | null;
                            email: string;
                            name: string | null;
                            avatarUrl: string | null;
                            bio: string | null;
                            timeFormat: number | null;
                            defaultScheduleId: number | null;
                            weekStart: string;
                            timeZone: string;
                            locale: string | null;
                            organizationId: number;
                            organization?: {
                                id: number;
                                isPlatform: boolean;
                            };
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            498: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    MeController_updateMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: email
                     * @description Stored as local+<clientId>@domain
                     */
                    email?: string;
                    /** @description Used in emails */
                    name?: string;
                    /** @description Kept as given (Tessera has no schedules); null clears it */
                    defaultScheduleId?: number | null;
                    /**
                     * @description 12 or 24 (numeric strings are accepted)
                     * @enum {unknown}
                     */
                    timeFormat?: 12 | 24;
                    /** @enum {unknown} */
                    weekStart?: "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday";
                    /** @description IANA time zone, re-cased as Cal.com does (america/new_york); null counts as not given */
                    timeZone?: string | null;
                    locale?: ("ar" | "ca" | "de" | "es" | "eu" | "he" | "id" | "ja" | "lv" | "pl" | "ro" | "sr" | "th" | "vi" | "az" | "cs" | "el" | "es-419" | "fi" | "hr" | "it" | "km" | "nl" | "pt" | "ru" | "sv" | "tr" | "zh-CN" | "bg" | "da" | "en" | "et" | "fr" | "hu" | "iw" | "ko" | "no" | "pt-BR" | "sk" | "ta" | "uk" | "zh-TW" | "bn") | null;
                    /** @description http(s) URL; null clears it */
                    avatarUrl?: string | null;
                    bio?: string | null;
                    metadata?: {
                        [key: string]: string | number | boolean;
                    } | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            id: number;
                            username: string | null;
                            email: string;
                            name: string | null;
                            avatarUrl: string | null;
                            bio: string | null;
                            timeFormat: number | null;
                            defaultScheduleId: number | null;
                            weekStart: string;
                            timeZone: string;
                            locale: string | null;
                            organizationId: number;
                            organization?: {
                                id: number;
                                isPlatform: boolean;
                            };
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            498: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    CalProviderController_verifyClientId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            clientId: string;
                            organizationId: number;
                            name: string;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    CalProviderController_verifyAccessToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            498: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listClientAuditEvents: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                /** @description Comma-separated event types, e.g. token.reuse_detected */
                types?: string;
                /** @description Only this managed user */
                userId?: number;
                /** @description Only events at or after this time */
                since?: string;
                /** @description Only events before this time */
                until?: string;
            };
            header?: never;
            path: {
                clientId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            events: {
                                id: number;
                                organizationId: number | null;
                                /** Format: date-time */
                                occurredAt: string;
                                type: string;
                                actor: string;
                                clientId: string | null;
                                userId: number | null;
                                familyId: string | null;
                                /** @description What the event is about, per type (docs/events.md), e.g. {"changed": ["name"]} */
                                data: {
                                    [key: string]: string | number | boolean | null | string[];
                                };
                                /** @description Linked into the hash chain (within about a second) */
                                sealed: boolean;
                                chainSeq: number | null;
                                hash: string | null;
                            }[];
                            /** @description Pass as `cursor` for the next (older) page */
                            nextCursor: string | null;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    searchManagedUsers: {
        parameters: {
            query?: {
                q?: string;
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                clientId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            users: components["schemas"]["ManagedUser"][];
                            total: number;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    verifyOrganizationAuditChain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            ok: boolean;
                            chains: {
                                chainId: number;
                                firstSeq: number;
                                lastSeq: number;
                                links: number;
                                headHash: string;
                            }[];
                            problem: {
                                chainId: number;
                                seq: number;
                                eventId: number | null;
                                kind: string;
                                message: string;
                            } | null;
                            unsealedEvents: number;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listClientWebhooks: {
        parameters: {
            query?: {
                skip?: number;
                take?: number;
            };
            header?: never;
            path: {
                clientId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: components["schemas"]["Webhook"][];
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    createClientWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description http(s) URL that receives the events; refused when it resolves to a private, loopback, link-local or metadata address */
                    subscriberUrl: string;
                    active: boolean;
                    /** @description Tessera's event types, spelled as triggers (`TOKEN_FORCE_REFRESHED`; the audit spelling `token.force_refreshed` is accepted too). Cal.com's booking triggers are refused. */
                    triggers: string[];
                    payloadTemplate?: string | null;
                    /** @description Signing secret; generated (`whsec_…`) when not given */
                    secret?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        /** @description A webhook subscription. Its secret is shown only once. */
                        data: {
                            /** Format: uuid */
                            id: string;
                            subscriberUrl: string;
                            active: boolean;
                            triggers: string[];
                            payloadTemplate: string | null;
                            /** @description Client-level webhooks */
                            oAuthClientId?: string;
                            /** @description Organization-level webhooks */
                            organizationId?: number;
                            /** @description Only in the response of the request that set it */
                            secret?: string;
                            /** @description Why Tessera switched it off (410 Gone, or failing for the whole retry schedule) */
                            disabledReason: string | null;
                            /** @description Until then deliveries also carry a signature by the previous secret */
                            previousSecretExpiresAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    deleteAllClientWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        /** @example 2 webhooks deleted */
                        data: string;
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getClientWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        /** @description A webhook subscription. Its secret is shown only once. */
                        data: {
                            /** Format: uuid */
                            id: string;
                            subscriberUrl: string;
                            active: boolean;
                            triggers: string[];
                            payloadTemplate: string | null;
                            /** @description Client-level webhooks */
                            oAuthClientId?: string;
                            /** @description Organization-level webhooks */
                            organizationId?: number;
                            /** @description Only in the response of the request that set it */
                            secret?: string;
                            /** @description Why Tessera switched it off (410 Gone, or failing for the whole retry schedule) */
                            disabledReason: string | null;
                            /** @description Until then deliveries also carry a signature by the previous secret */
                            previousSecretExpiresAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    deleteClientWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        /** @description A webhook subscription. Its secret is shown only once. */
                        data: {
                            /** Format: uuid */
                            id: string;
                            subscriberUrl: string;
                            active: boolean;
                            triggers: string[];
                            payloadTemplate: string | null;
                            /** @description Client-level webhooks */
                            oAuthClientId?: string;
                            /** @description Organization-level webhooks */
                            organizationId?: number;
                            /** @description Only in the response of the request that set it */
                            secret?: string;
                            /** @description Why Tessera switched it off (410 Gone, or failing for the whole retry schedule) */
                            disabledReason: string | null;
                            /** @description Until then deliveries also carry a signature by the previous secret */
                            previousSecretExpiresAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    updateClientWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description http(s) URL that receives the events; refused when it resolves to a private, loopback, link-local or metadata address */
                    subscriberUrl?: string;
                    active?: boolean;
                    /** @description Tessera's event types, spelled as triggers (`TOKEN_FORCE_REFRESHED`; the audit spelling `token.force_refreshed` is accepted too). Cal.com's booking triggers are refused. */
                    triggers?: string[];
                    payloadTemplate?: string | null;
                    /** @description Signing secret; generated (`whsec_…`) when not given */
                    secret?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        /** @description A webhook subscription. Its secret is shown only once. */
                        data: {
                            /** Format: uuid */
                            id: string;
                            subscriberUrl: string;
                            active: boolean;
                            triggers: string[];
                            payloadTemplate: string | null;
                            /** @description Client-level webhooks */
                            oAuthClientId?: string;
                            /** @description Organization-level webhooks */
                            organizationId?: number;
                            /** @description Only in the response of the request that set it */
                            secret?: string;
                            /** @description Why Tessera switched it off (410 Gone, or failing for the whole retry schedule) */
                            disabledReason: string | null;
                            /** @description Until then deliveries also carry a signature by the previous secret */
                            previousSecretExpiresAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    rotateClientWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Signing secret; generated (`whsec_…`) when not given */
                    secret?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            /** @description The new secret, shown once */
                            secret: string;
                            /**
                             * Format: date-time
                             * @description Until then deliveries carry a second signature by the previous secret
                             */
                            previousSecretExpiresAt: string;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    pingClientWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        /** @description One message to one endpoint, with its attempts */
                        data: {
                            /** Format: uuid */
                            id: string;
                            /** @description `webhook-id`: the same on every attempt */
                            messageId: string;
                            /** @enum {unknown} */
                            kind: "event" | "ping" | "verification" | "stream_updated";
                            eventId: number | null;
                            triggerEvent: string | null;
                            /** @enum {unknown} */
                            status: "pending" | "delivered" | "failed" | "discarded";
                            /**
                             * @example delivered
                             * @example retrying
                             * @example gone
                             * @example exhausted
                             * @example endpoint_disabled
                             */
                            outcome: string | null;
                            attempts: number;
                            /** Format: date-time */
                            createdAt: string;
                            nextAttemptAt: string | null;
                            finishedAt: string | null;
                            attemptLog: {
                                attempt: number;
                                /** Format: date-time */
                                at: string;
                                succeeded: boolean;
                                latencyMs: number;
                                responseCode: number | null;
                                /** @description The first 1 KiB of the response body */
                                responseBody: string | null;
                                /** @description Why no response arrived (refused, timed out…) */
                                error: string | null;
                            }[];
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listClientWebhookDeliveries: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                status?: "pending" | "delivered" | "failed" | "discarded";
            };
            header?: never;
            path: {
                clientId: string;
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            deliveries: components["schemas"]["Delivery"][];
                            /** @description Pass as `cursor` for the next (older) page */
                            nextCursor: string | null;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getClientWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
                webhookId: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        /** @description One message to one endpoint, with its attempts */
                        data: {
                            /** Format: uuid */
                            id: string;
                            /** @description `webhook-id`: the same on every attempt */
                            messageId: string;
                            /** @enum {unknown} */
                            kind: "event" | "ping" | "verification" | "stream_updated";
                            eventId: number | null;
                            triggerEvent: string | null;
                            /** @enum {unknown} */
                            status: "pending" | "delivered" | "failed" | "discarded";
                            /**
                             * @example delivered
                             * @example retrying
                             * @example gone
                             * @example exhausted
                             * @example endpoint_disabled
                             */
                            outcome: string | null;
                            attempts: number;
                            /** Format: date-time */
                            createdAt: string;
                            nextAttemptAt: string | null;
                            finishedAt: string | null;
                            attemptLog: {
                                attempt: number;
                                /** Format: date-time */
                                at: string;
                                succeeded: boolean;
                                latencyMs: number;
                                responseCode: number | null;
                                /** @description The first 1 KiB of the response body */
                                responseBody: string | null;
                                /** @description Why no response arrived (refused, timed out…) */
                                error: string | null;
                            }[];
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    redeliverClientWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
                webhookId: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        /** @description One message to one endpoint, with its attempts */
                        data: {
                            /** Format: uuid */
                            id: string;
                            /** @description `webhook-id`: the same on every attempt */
                            messageId: string;
                            /** @enum {unknown} */
                            kind: "event" | "ping" | "verification" | "stream_updated";
                            eventId: number | null;
                            triggerEvent: string | null;
                            /** @enum {unknown} */
                            status: "pending" | "delivered" | "failed" | "discarded";
                            /**
                             * @example delivered
                             * @example retrying
                             * @example gone
                             * @example exhausted
                             * @example endpoint_disabled
                             */
                            outcome: string | null;
                            attempts: number;
                            /** Format: date-time */
                            createdAt: string;
                            nextAttemptAt: string | null;
                            finishedAt: string | null;
                            attemptLog: {
                                attempt: number;
                                /** Format: date-time */
                                at: string;
                                succeeded: boolean;
                                latencyMs: number;
                                responseCode: number | null;
                                /** @description The first 1 KiB of the response body */
                                responseBody: string | null;
                                /** @description Why no response arrived (refused, timed out…) */
                                error: string | null;
                            }[];
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listOrganizationWebhooks: {
        parameters: {
            query?: {
                skip?: number;
                take?: number;
            };
            header?: never;
            path: {
                orgId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: components["schemas"]["Webhook"][];
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    createOrganizationWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description http(s) URL that receives the events; refused when it resolves to a private, loopback, link-local or metadata address */
                    subscriberUrl: string;
                    active: boolean;
                    /** @description Tessera's event types, spelled as triggers (`TOKEN_FORCE_REFRESHED`; the audit spelling `token.force_refreshed` is accepted too). Cal.com's booking triggers are refused. */
                    triggers: string[];
                    payloadTemplate?: string | null;
                    /** @description Signing secret; generated (`whsec_…`) when not given */
                    secret?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        /** @description A webhook subscription. Its secret is shown only once. */
                        data: {
                            /** Format: uuid */
                            id: string;
                            subscriberUrl: string;
                            active: boolean;
                            triggers: string[];
                            payloadTemplate: string | null;
                            /** @description Client-level webhooks */
                            oAuthClientId?: string;
                            /** @description Organization-level webhooks */
                            organizationId?: number;
                            /** @description Only in the response of the request that set it */
                            secret?: string;
                            /** @description Why Tessera switched it off (410 Gone, or failing for the whole retry schedule) */
                            disabledReason: string | null;
                            /** @description Until then deliveries also carry a signature by the previous secret */
                            previousSecretExpiresAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    deleteAllOrganizationWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        /** @example 2 webhooks deleted */
                        data: string;
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getOrganizationWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: number;
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        /** @description A webhook subscription. Its secret is shown only once. */
                        data: {
                            /** Format: uuid */
                            id: string;
                            subscriberUrl: string;
                            active: boolean;
                            triggers: string[];
                            payloadTemplate: string | null;
                            /** @description Client-level webhooks */
                            oAuthClientId?: string;
                            /** @description Organization-level webhooks */
                            organizationId?: number;
                            /** @description Only in the response of the request that set it */
                            secret?: string;
                            /** @description Why Tessera switched it off (410 Gone, or failing for the whole retry schedule) */
                            disabledReason: string | null;
                            /** @description Until then deliveries also carry a signature by the previous secret */
                            previousSecretExpiresAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    deleteOrganizationWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: number;
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        /** @description A webhook subscription. Its secret is shown only once. */
                        data: {
                            /** Format: uuid */
                            id: string;
                            subscriberUrl: string;
                            active: boolean;
                            triggers: string[];
                            payloadTemplate: string | null;
                            /** @description Client-level webhooks */
                            oAuthClientId?: string;
                            /** @description Organization-level webhooks */
                            organizationId?: number;
                            /** @description Only in the response of the request that set it */
                            secret?: string;
                            /** @description Why Tessera switched it off (410 Gone, or failing for the whole retry schedule) */
                            disabledReason: string | null;
                            /** @description Until then deliveries also carry a signature by the previous secret */
                            previousSecretExpiresAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    updateOrganizationWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: number;
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description http(s) URL that receives the events; refused when it resolves to a private, loopback, link-local or metadata address */
                    subscriberUrl?: string;
                    active?: boolean;
                    /** @description Tessera's event types, spelled as triggers (`TOKEN_FORCE_REFRESHED`; the audit spelling `token.force_refreshed` is accepted too). Cal.com's booking triggers are refused. */
                    triggers?: string[];
                    payloadTemplate?: string | null;
                    /** @description Signing secret; generated (`whsec_…`) when not given */
                    secret?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        /** @description A webhook subscription. Its secret is shown only once. */
                        data: {
                            /** Format: uuid */
                            id: string;
                            subscriberUrl: string;
                            active: boolean;
                            triggers: string[];
                            payloadTemplate: string | null;
                            /** @description Client-level webhooks */
                            oAuthClientId?: string;
                            /** @description Organization-level webhooks */
                            organizationId?: number;
                            /** @description Only in the response of the request that set it */
                            secret?: string;
                            /** @description Why Tessera switched it off (410 Gone, or failing for the whole retry schedule) */
                            disabledReason: string | null;
                            /** @description Until then deliveries also carry a signature by the previous secret */
                            previousSecretExpiresAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    rotateOrganizationWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: number;
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Signing secret; generated (`whsec_…`) when not given */
                    secret?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            /** @description The new secret, shown once */
                            secret: string;
                            /**
                             * Format: date-time
                             * @description Until then deliveries carry a second signature by the previous secret
                             */
                            previousSecretExpiresAt: string;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    pingOrganizationWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: number;
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        /** @description One message to one endpoint, with its attempts */
                        data: {
                            /** Format: uuid */
                            id: string;
                            /** @description `webhook-id`: the same on every attempt */
                            messageId: string;
                            /** @enum {unknown} */
                            kind: "event" | "ping" | "verification" | "stream_updated";
                            eventId: number | null;
                            triggerEvent: string | null;
                            /** @enum {unknown} */
                            status: "pending" | "delivered" | "failed" | "discarded";
                            /**
                             * @example delivered
                             * @example retrying
                             * @example gone
                             * @example exhausted
                             * @example endpoint_disabled
                             */
                            outcome: string | null;
                            attempts: number;
                            /** Format: date-time */
                            createdAt: string;
                            nextAttemptAt: string | null;
                            finishedAt: string | null;
                            attemptLog: {
                                attempt: number;
                                /** Format: date-time */
                                at: string;
                                succeeded: boolean;
                                latencyMs: number;
                                responseCode: number | null;
                                /** @description The first 1 KiB of the response body */
                                responseBody: string | null;
                                /** @description Why no response arrived (refused, timed out…) */
                                error: string | null;
                            }[];
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listOrganizationWebhookDeliveries: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                status?: "pending" | "delivered" | "failed" | "discarded";
            };
            header?: never;
            path: {
                orgId: number;
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            deliveries: components["schemas"]["Delivery"][];
                            /** @description Pass as `cursor` for the next (older) page */
                            nextCursor: string | null;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getOrganizationWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: number;
                webhookId: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        /** @description One message to one endpoint, with its attempts */
                        data: {
                            /** Format: uuid */
                            id: string;
                            /** @description `webhook-id`: the same on every attempt */
                            messageId: string;
                            /** @enum {unknown} */
                            kind: "event" | "ping" | "verification" | "stream_updated";
                            eventId: number | null;
                            triggerEvent: string | null;
                            /** @enum {unknown} */
                            status: "pending" | "delivered" | "failed" | "discarded";
                            /**
                             * @example delivered
                             * @example retrying
                             * @example gone
                             * @example exhausted
                             * @example endpoint_disabled
                             */
                            outcome: string | null;
                            attempts: number;
                            /** Format: date-time */
                            createdAt: string;
                            nextAttemptAt: string | null;
                            finishedAt: string | null;
                            attemptLog: {
                                attempt: number;
                                /** Format: date-time */
                                at: string;
                                succeeded: boolean;
                                latencyMs: number;
                                responseCode: number | null;
                                /** @description The first 1 KiB of the response body */
                                responseBody: string | null;
                                /** @description Why no response arrived (refused, timed out…) */
                                error: string | null;
                            }[];
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    redeliverOrganizationWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: number;
                webhookId: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        /** @description One message to one endpoint, with its attempts */
                        data: {
                            /** Format: uuid */
                            id: string;
                            /** @description `webhook-id`: the same on every attempt */
                            messageId: string;
                            /** @enum {unknown} */
                            kind: "event" | "ping" | "verification" | "stream_updated";
                            eventId: number | null;
                            triggerEvent: string | null;
                            /** @enum {unknown} */
                            status: "pending" | "delivered" | "failed" | "discarded";
                            /**
                             * @example delivered
                             * @example retrying
                             * @example gone
                             * @example exhausted
                             * @example endpoint_disabled
                             */
                            outcome: string | null;
                            attempts: number;
                            /** Format: date-time */
                            createdAt: string;
                            nextAttemptAt: string | null;
                            finishedAt: string | null;
                            attemptLog: {
                                attempt: number;
                                /** Format: date-time */
                                at: string;
                                succeeded: boolean;
                                latencyMs: number;
                                responseCode: number | null;
                                /** @description The first 1 KiB of the response body */
                                responseBody: string | null;
                                /** @description Why no response arrived (refused, timed out…) */
                                error: string | null;
                            }[];
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listOperatorWebhooks: {
        parameters: {
            query?: {
                skip?: number;
                take?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: components["schemas"]["Webhook"][];
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    createOperatorWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description http(s) URL that receives the events; refused when it resolves to a private, loopback, link-local or metadata address */
                    subscriberUrl: string;
                    active: boolean;
                    /** @description Tessera's event types, spelled as triggers (`TOKEN_FORCE_REFRESHED`; the audit spelling `token.force_refreshed` is accepted too). Cal.com's booking triggers are refused. */
                    triggers: string[];
                    payloadTemplate?: string | null;
                    /** @description Signing secret; generated (`whsec_…`) when not given */
                    secret?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        /** @description A webhook subscription. Its secret is shown only once. */
                        data: {
                            /** Format: uuid */
                            id: string;
                            subscriberUrl: string;
                            active: boolean;
                            triggers: string[];
                            payloadTemplate: string | null;
                            /** @description Client-level webhooks */
                            oAuthClientId?: string;
                            /** @description Organization-level webhooks */
                            organizationId?: number;
                            /** @description Only in the response of the request that set it */
                            secret?: string;
                            /** @description Why Tessera switched it off (410 Gone, or failing for the whole retry schedule) */
                            disabledReason: string | null;
                            /** @description Until then deliveries also carry a signature by the previous secret */
                            previousSecretExpiresAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    deleteAllOperatorWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        /** @example 2 webhooks deleted */
                        data: string;
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getOperatorWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        /** @description A webhook subscription. Its secret is shown only once. */
                        data: {
                            /** Format: uuid */
                            id: string;
                            subscriberUrl: string;
                            active: boolean;
                            triggers: string[];
                            payloadTemplate: string | null;
                            /** @description Client-level webhooks */
                            oAuthClientId?: string;
                            /** @description Organization-level webhooks */
                            organizationId?: number;
                            /** @description Only in the response of the request that set it */
                            secret?: string;
                            /** @description Why Tessera switched it off (410 Gone, or failing for the whole retry schedule) */
                            disabledReason: string | null;
                            /** @description Until then deliveries also carry a signature by the previous secret */
                            previousSecretExpiresAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    deleteOperatorWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        /** @description A webhook subscription. Its secret is shown only once. */
                        data: {
                            /** Format: uuid */
                            id: string;
                            subscriberUrl: string;
                            active: boolean;
                            triggers: string[];
                            payloadTemplate: string | null;
                            /** @description Client-level webhooks */
                            oAuthClientId?: string;
                            /** @description Organization-level webhooks */
                            organizationId?: number;
                            /** @description Only in the response of the request that set it */
                            secret?: string;
                            /** @description Why Tessera switched it off (410 Gone, or failing for the whole retry schedule) */
                            disabledReason: string | null;
                            /** @description Until then deliveries also carry a signature by the previous secret */
                            previousSecretExpiresAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    updateOperatorWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description http(s) URL that receives the events; refused when it resolves to a private, loopback, link-local or metadata address */
                    subscriberUrl?: string;
                    active?: boolean;
                    /** @description Tessera's event types, spelled as triggers (`TOKEN_FORCE_REFRESHED`; the audit spelling `token.force_refreshed` is accepted too). Cal.com's booking triggers are refused. */
                    triggers?: string[];
                    payloadTemplate?: string | null;
                    /** @description Signing secret; generated (`whsec_…`) when not given */
                    secret?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        /** @description A webhook subscription. Its secret is shown only once. */
                        data: {
                            /** Format: uuid */
                            id: string;
                            subscriberUrl: string;
                            active: boolean;
                            triggers: string[];
                            payloadTemplate: string | null;
                            /** @description Client-level webhooks */
                            oAuthClientId?: string;
                            /** @description Organization-level webhooks */
                            organizationId?: number;
                            /** @description Only in the response of the request that set it */
                            secret?: string;
                            /** @description Why Tessera switched it off (410 Gone, or failing for the whole retry schedule) */
                            disabledReason: string | null;
                            /** @description Until then deliveries also carry a signature by the previous secret */
                            previousSecretExpiresAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    rotateOperatorWebhookSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Signing secret; generated (`whsec_…`) when not given */
                    secret?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            /** @description The new secret, shown once */
                            secret: string;
                            /**
                             * Format: date-time
                             * @description Until then deliveries carry a second signature by the previous secret
                             */
                            previousSecretExpiresAt: string;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    pingOperatorWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        /** @description One message to one endpoint, with its attempts */
                        data: {
                            /** Format: uuid */
                            id: string;
                            /** @description `webhook-id`: the same on every attempt */
                            messageId: string;
                            /** @enum {unknown} */
                            kind: "event" | "ping" | "verification" | "stream_updated";
                            eventId: number | null;
                            triggerEvent: string | null;
                            /** @enum {unknown} */
                            status: "pending" | "delivered" | "failed" | "discarded";
                            /**
                             * @example delivered
                             * @example retrying
                             * @example gone
                             * @example exhausted
                             * @example endpoint_disabled
                             */
                            outcome: string | null;
                            attempts: number;
                            /** Format: date-time */
                            createdAt: string;
                            nextAttemptAt: string | null;
                            finishedAt: string | null;
                            attemptLog: {
                                attempt: number;
                                /** Format: date-time */
                                at: string;
                                succeeded: boolean;
                                latencyMs: number;
                                responseCode: number | null;
                                /** @description The first 1 KiB of the response body */
                                responseBody: string | null;
                                /** @description Why no response arrived (refused, timed out…) */
                                error: string | null;
                            }[];
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listOperatorWebhookDeliveries: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                status?: "pending" | "delivered" | "failed" | "discarded";
            };
            header?: never;
            path: {
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            deliveries: components["schemas"]["Delivery"][];
                            /** @description Pass as `cursor` for the next (older) page */
                            nextCursor: string | null;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getOperatorWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhookId: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        /** @description One message to one endpoint, with its attempts */
                        data: {
                            /** Format: uuid */
                            id: string;
                            /** @description `webhook-id`: the same on every attempt */
                            messageId: string;
                            /** @enum {unknown} */
                            kind: "event" | "ping" | "verification" | "stream_updated";
                            eventId: number | null;
                            triggerEvent: string | null;
                            /** @enum {unknown} */
                            status: "pending" | "delivered" | "failed" | "discarded";
                            /**
                             * @example delivered
                             * @example retrying
                             * @example gone
                             * @example exhausted
                             * @example endpoint_disabled
                             */
                            outcome: string | null;
                            attempts: number;
                            /** Format: date-time */
                            createdAt: string;
                            nextAttemptAt: string | null;
                            finishedAt: string | null;
                            attemptLog: {
                                attempt: number;
                                /** Format: date-time */
                                at: string;
                                succeeded: boolean;
                                latencyMs: number;
                                responseCode: number | null;
                                /** @description The first 1 KiB of the response body */
                                responseBody: string | null;
                                /** @description Why no response arrived (refused, timed out…) */
                                error: string | null;
                            }[];
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    redeliverOperatorWebhookDelivery: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhookId: string;
                deliveryId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        /** @description One message to one endpoint, with its attempts */
                        data: {
                            /** Format: uuid */
                            id: string;
                            /** @description `webhook-id`: the same on every attempt */
                            messageId: string;
                            /** @enum {unknown} */
                            kind: "event" | "ping" | "verification" | "stream_updated";
                            eventId: number | null;
                            triggerEvent: string | null;
                            /** @enum {unknown} */
                            status: "pending" | "delivered" | "failed" | "discarded";
                            /**
                             * @example delivered
                             * @example retrying
                             * @example gone
                             * @example exhausted
                             * @example endpoint_disabled
                             */
                            outcome: string | null;
                            attempts: number;
                            /** Format: date-time */
                            createdAt: string;
                            nextAttemptAt: string | null;
                            finishedAt: string | null;
                            attemptLog: {
                                attempt: number;
                                /** Format: date-time */
                                at: string;
                                succeeded: boolean;
                                latencyMs: number;
                                responseCode: number | null;
                                /** @description The first 1 KiB of the response body */
                                responseBody: string | null;
                                /** @description Why no response arrived (refused, timed out…) */
                                error: string | null;
                            }[];
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listOrganizations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            id: number;
                            name: string;
                            /** Format: date-time */
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    createOrganization: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            id: number;
                            name: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** @description Shown once */
                            apiKey: string;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listApiKeys: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            id: string;
                            /** @enum {unknown} */
                            role: "OWNER" | "ADMIN" | "MEMBER";
                            name: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            revokedAt: string | null;
                        }[];
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    createOrganizationApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {unknown} */
                    role: "OWNER" | "ADMIN" | "MEMBER";
                    name?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            id: string;
                            /** @description Shown once */
                            key: string;
                            /** @enum {unknown} */
                            role: "OWNER" | "ADMIN" | "MEMBER";
                            name: string | null;
                            /** Format: date-time */
                            createdAt: string;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    revokeOrganizationApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                orgId: number;
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            id: string;
                            revoked: boolean;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    rotateSigningKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            kid: string;
                            alg: string;
                            previousKid: string | null;
                            /**
                             * Format: date-time
                             * @description When the new key starts signing access tokens
                             */
                            activatesAt: string;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    importOrganization: {
        parameters: {
            query?: {
                dryRun?: boolean;
            };
            header?: never;
            path: {
                orgId: number;
            };
            cookie?: never;
        };
        /** @description The import document (docs/migrating-from-calcom.md). Other fields are ignored. */
        requestBody: {
            content: {
                "application/json": {
                    clients: {
                        /** @description The client id, kept */
                        id: string;
                        /** @description The client secret, kept; stored only as a keyed hash */
                        secret: string;
                        name: string;
                        redirectUris?: string[];
                        permissions: ("EVENT_TYPE_READ" | "EVENT_TYPE_WRITE" | "BOOKING_READ" | "BOOKING_WRITE" | "SCHEDULE_READ" | "SCHEDULE_WRITE" | "APPS_READ" | "APPS_WRITE" | "PROFILE_READ" | "PROFILE_WRITE" | "*")[];
                        logo?: string | null;
                        bookingRedirectUri?: string | null;
                        bookingCancelRedirectUri?: string | null;
                        bookingRescheduleRedirectUri?: string | null;
                        areEmailsEnabled?: boolean;
                        areDefaultEventTypesEnabled?: boolean;
                        areCalendarEventsEnabled?: boolean;
                        createdAt?: string | null;
                        users?: {
                            /** @description Kept */
                            id: number;
                            /** @description Kept as given; `+<clientId>` is added before the @ if it is not there */
                            email: string;
                            username?: string | null;
                            name?: string | null;
                            bio?: string | null;
                            avatarUrl?: string | null;
                            locale?: string | null;
                            timeZone?: string | null;
                            weekStart?: string | null;
                            timeFormat?: number | null;
                            defaultScheduleId?: number | null;
                            metadata?: {
                                [key: string]: string | number | boolean;
                            } | null;
                            createdDate?: string | null;
                        }[];
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            dryRun: boolean;
                            clients: {
                                /** @description Created (in a dry run: would be created) */
                                created: number;
                                /** @description Already there, identical: skipped */
                                unchanged: number;
                                /** @description Different or in the way: reported, left alone */
                                conflicts: number;
                            };
                            users: {
                                /** @description Created (in a dry run: would be created) */
                                created: number;
                                /** @description Already there, identical: skipped */
                                unchanged: number;
                                /** @description Different or in the way: reported, left alone */
                                conflicts: number;
                            };
                            conflicts: {
                                record: "client" | "user";
                                /** @description Client id or user id */
                                id: string | number;
                                clientId: string;
                                /** @description What differs or what is in the way (never values) */
                                reason: string;
                            }[];
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listSigningKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            kid: string;
                            alg: string;
                            /** @enum {unknown} */
                            state: "active" | "verifying" | "expired";
                            /** Format: date-time */
                            createdAt: string;
                            retiredAt: string | null;
                            verifyUntil: string | null;
                        }[];
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    listAuditEvents: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
                /** @description Comma-separated event types, e.g. token.reuse_detected */
                types?: string;
                /** @description Only this managed user */
                userId?: number;
                /** @description Only events at or after this time */
                since?: string;
                /** @description Only events before this time */
                until?: string;
                /** @description 0: instance events */
                organizationId?: number;
                clientId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            events: {
                                id: number;
                                organizationId: number | null;
                                /** Format: date-time */
                                occurredAt: string;
                                type: string;
                                actor: string;
                                clientId: string | null;
                                userId: number | null;
                                familyId: string | null;
                                /** @description What the event is about, per type (docs/events.md), e.g. {"changed": ["name"]} */
                                data: {
                                    [key: string]: string | number | boolean | null | string[];
                                };
                                /** @description Linked into the hash chain (within about a second) */
                                sealed: boolean;
                                chainSeq: number | null;
                                hash: string | null;
                            }[];
                            /** @description Pass as `cursor` for the next (older) page */
                            nextCursor: string | null;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    verifyAuditChains: {
        parameters: {
            query?: {
                /** @description 0: instance chain */
                organizationId?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "success";
                        data: {
                            ok: boolean;
                            chains: {
                                chainId: number;
                                firstSeq: number;
                                lastSeq: number;
                                links: number;
                                headHash: string;
                            }[];
                            problem: {
                                chainId: number;
                                seq: number;
                                eventId: number | null;
                                kind: string;
                                message: string;
                            } | null;
                            unsealedEvents: number;
                        };
                    };
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getSsfConfiguration: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        spec_version: "1_0";
                        issuer: string;
                        jwks_uri: string;
                        delivery_methods_supported: string[];
                        configuration_endpoint: string;
                        status_endpoint: string;
                        verification_endpoint: string;
                        authorization_schemes: {
                            spec_urn: string;
                        }[];
                        /** @enum {string} */
                        default_subjects: "ALL";
                    };
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    readSsfStreams: {
        parameters: {
            query?: {
                stream_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SsfStreamConfig"] | components["schemas"]["SsfStreamConfig"][];
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    replaceSsfStream: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    stream_id: string;
                    delivery?: {
                        /** @example urn:ietf:rfc:8935 */
                        method: string;
                        endpoint_url?: string;
                        /** @description Sent as `Authorization` with every push; stored encrypted, never shown again */
                        authorization_header?: string;
                    };
                    /** @description Event type URIs the receiver wants; unknown ones are ignored */
                    events_requested?: string[];
                    description?: string;
                    iss?: string;
                    aud?: string | string[];
                    /** @description Must match, if sent */
                    events_supported?: string[];
                    /** @description Must match, if sent */
                    events_delivered?: string[];
                    min_verification_interval?: number;
                };
            };
        };
        responses: {
            /** @description SSF 1.0 §8.1.1 stream configuration */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SsfStreamConfig"];
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    createSsfStream: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    delivery?: {
                        /** @example urn:ietf:rfc:8935 */
                        method: string;
                        endpoint_url?: string;
                        /** @description Sent as `Authorization` with every push; stored encrypted, never shown again */
                        authorization_header?: string;
                    };
                    /** @description Event type URIs the receiver wants; unknown ones are ignored */
                    events_requested?: string[];
                    description?: string;
                    iss?: string;
                    aud?: string | string[];
                    /** @description Must match, if sent */
                    events_supported?: string[];
                    /** @description Must match, if sent */
                    events_delivered?: string[];
                    min_verification_interval?: number;
                };
            };
        };
        responses: {
            /** @description SSF 1.0 §8.1.1 stream configuration */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SsfStreamConfig"];
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    deleteSsfStream: {
        parameters: {
            query?: {
                stream_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    updateSsfStream: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    stream_id: string;
                    delivery?: {
                        /** @example urn:ietf:rfc:8935 */
                        method: string;
                        endpoint_url?: string;
                        /** @description Sent as `Authorization` with every push; stored encrypted, never shown again */
                        authorization_header?: string;
                    };
                    /** @description Event type URIs the receiver wants; unknown ones are ignored */
                    events_requested?: string[];
                    description?: string;
                    iss?: string;
                    aud?: string | string[];
                    /** @description Must match, if sent */
                    events_supported?: string[];
                    /** @description Must match, if sent */
                    events_delivered?: string[];
                    min_verification_interval?: number;
                };
            };
        };
        responses: {
            /** @description SSF 1.0 §8.1.1 stream configuration */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SsfStreamConfig"];
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    getSsfStreamStatus: {
        parameters: {
            query?: {
                stream_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        stream_id: string;
                        /** @enum {unknown} */
                        status: "enabled" | "paused" | "disabled";
                        reason?: string;
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    updateSsfStreamStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    stream_id: string;
                    /** @enum {unknown} */
                    status: "enabled" | "paused" | "disabled";
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        stream_id: string;
                        /** @enum {unknown} */
                        status: "enabled" | "paused" | "disabled";
                        reason?: string;
                    };
                };
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    verifySsfStream: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    stream_id: string;
                    state?: string;
                };
            };
        };
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Cal.com's error envelope */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Cal.com's error envelope */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
        };
    };
    requestToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    /**
                     * @description The only grant supported
                     * @enum {string}
                     */
                    grant_type: "refresh_token";
                    refresh_token: string;
                    /** @description client_secret_post; omit when using HTTP Basic */
                    client_id?: string;
                    /** @description client_secret_post; omit when using HTTP Basic */
                    client_secret?: string;
                };
                "application/json": {
                    /**
                     * @description The only grant supported
                     * @enum {string}
                     */
                    grant_type: "refresh_token";
                    refresh_token: string;
                    /** @description client_secret_post; omit when using HTTP Basic */
                    client_id?: string;
                    /** @description client_secret_post; omit when using HTTP Basic */
                    client_secret?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        access_token: string;
                        /** @enum {string} */
                        token_type: "Bearer";
                        expires_in: number;
                        refresh_token: string;
                        refresh_token_expires_in: number;
                    };
                };
            };
            /** @description RFC 6749 §5.2 error */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description?: string;
                    };
                };
            };
            /** @description RFC 6749 §5.2 error */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description?: string;
                    };
                };
            };
            /** @description RFC 6749 §5.2 error */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description?: string;
                    };
                };
            };
        };
    };
    revokeToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    token: string;
                    token_type_hint?: "access_token" | "refresh_token";
                    /** @description client_secret_post; omit when using HTTP Basic */
                    client_id?: string;
                    /** @description client_secret_post; omit when using HTTP Basic */
                    client_secret?: string;
                };
                "application/json": {
                    token: string;
                    token_type_hint?: "access_token" | "refresh_token";
                    /** @description client_secret_post; omit when using HTTP Basic */
                    client_id?: string;
                    /** @description client_secret_post; omit when using HTTP Basic */
                    client_secret?: string;
                };
            };
        };
        responses: {
            /** @description No content: the status code is the whole answer (§2.2) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description RFC 6749 §5.2 error */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description?: string;
                    };
                };
            };
            /** @description RFC 6749 §5.2 error */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description?: string;
                    };
                };
            };
            /** @description RFC 6749 §5.2 error */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description?: string;
                    };
                };
            };
        };
    };
    introspectToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": {
                    token: string;
                    token_type_hint?: "access_token" | "refresh_token";
                    /** @description client_secret_post; omit when using HTTP Basic */
                    client_id?: string;
                    /** @description client_secret_post; omit when using HTTP Basic */
                    client_secret?: string;
                };
                "application/json": {
                    token: string;
                    token_type_hint?: "access_token" | "refresh_token";
                    /** @description client_secret_post; omit when using HTTP Basic */
                    client_id?: string;
                    /** @description client_secret_post; omit when using HTTP Basic */
                    client_secret?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        active: boolean;
                        /**
                         * @description RFC 6749 §7.1 type, for access tokens only
                         * @enum {string}
                         */
                        token_type?: "Bearer";
                        /** @description Which of the two tokens this is (as Ory Hydra names it) */
                        token_use?: "access_token" | "refresh_token";
                        client_id?: string;
                        sub?: string;
                        exp?: number;
                        iat?: number;
                        iss?: string;
                        aud?: string;
                        jti?: string;
                        sid?: string;
                    };
                };
            };
            /** @description RFC 6749 §5.2 error */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description?: string;
                    };
                };
            };
            /** @description RFC 6749 §5.2 error */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description?: string;
                    };
                };
            };
            /** @description RFC 6749 §5.2 error */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: string;
                        error_description?: string;
                    };
                };
            };
        };
    };
    getAuthorizationServerMetadata: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        issuer: string;
                        token_endpoint: string;
                        revocation_endpoint: string;
                        introspection_endpoint: string;
                        jwks_uri: string;
                        grant_types_supported: string[];
                        response_types_supported: string[];
                        token_endpoint_auth_methods_supported: string[];
                        revocation_endpoint_auth_methods_supported: string[];
                        introspection_endpoint_auth_methods_supported: string[];
                        service_documentation: string;
                    };
                };
            };
        };
    };
    getOpenIdConfiguration: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        issuer: string;
                        token_endpoint: string;
                        revocation_endpoint: string;
                        introspection_endpoint: string;
                        jwks_uri: string;
                        grant_types_supported: string[];
                        response_types_supported: string[];
                        token_endpoint_auth_methods_supported: string[];
                        revocation_endpoint_auth_methods_supported: string[];
                        introspection_endpoint_auth_methods_supported: string[];
                        service_documentation: string;
                    };
                };
            };
        };
    };
    getJwks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        keys: {
                            /**
                             * @example RSA
                             * @example EC
                             * @example OKP
                             */
                            kty: string;
                            kid: string;
                            alg: string;
                            /** @enum {string} */
                            use: "sig";
                            n?: string;
                            e?: string;
                            crv?: string;
                            x?: string;
                            y?: string;
                        }[];
                    };
                };
            };
        };
    };
}
