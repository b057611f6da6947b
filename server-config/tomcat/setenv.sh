#!/bin/sh
# $CATALINA_BASE/bin/setenv.sh: catalina.sh sources it before starting Tomcat.
#
# The EVE SSO settings of the application, read by MicroProfile Config (bundled in the WAR as SmallRye Config), which
# maps each environment variable to a property: EVE_SSO_CLIENT_ID -> eve.sso.client-id, and so on.
#
# This file holds a secret: make it readable by the Tomcat user only.
#     chown root:tomcat setenv.sh && chmod 0640 setenv.sh
# Never pass the secret as -Deve.sso.client-secret=... in CATALINA_OPTS / JAVA_OPTS: every user of the machine can
# read a process's command line (ps). Never put it in the WAR, in context.xml or in a repository.

# From https://developers.eveonline.com/applications (your application's "Client ID" and "Secret Key").
EVE_SSO_CLIENT_ID="replace-with-your-client-id"
# Better than writing the secret here: keep it in a file only Tomcat can read, e.g.
#     EVE_SSO_CLIENT_SECRET="$(cat /etc/eve-sso/client-secret)"
EVE_SSO_CLIENT_SECRET="replace-with-your-secret-key"
# Exactly the callback URL registered at CCP; its path must be the application's context path + /sso/callback.
EVE_SSO_CALLBACK_URL="https://eve.example.org/sso/callback"
# The ESI scopes to ask for, space- or comma-separated (the sample's wallet page needs this one).
EVE_SSO_SCOPES="esi-wallet.read_character_wallet.v1"

# Optional: keep each character's grant in a database (token-store.xml), for background jobs and across restarts.
# The key is a secret like the client secret: 32 random bytes, `openssl rand -base64 32`, as <key id>:<key>.
#EVE_SSO_TOKEN_STORE_DATASOURCE="java:comp/env/jdbc/evesso"
#EVE_SSO_TOKEN_STORE_KEYS="2026-12:$(cat /etc/eve-sso/token-store-key)"

export EVE_SSO_CLIENT_ID EVE_SSO_CLIENT_SECRET EVE_SSO_CALLBACK_URL EVE_SSO_SCOPES
#export EVE_SSO_TOKEN_STORE_DATASOURCE EVE_SSO_TOKEN_STORE_KEYS
