// Every route handler, grouped by the file that implements it. The Router (router.cpp) maps URLs
// to these; each returns the complete response. Thread-safe: handlers share only the App.
#pragma once

#include "http/message.h"
#include "web/app.h"
#include "web/route_context.h"

namespace web {

using RouteHandler = http::Response (*)(App&, RouteContext&);

// meta_routes.cpp
http::Response get_health(App&, RouteContext&);
http::Response get_metrics(App&, RouteContext&);
http::Response list_schemas(App&, RouteContext&);
http::Response get_schema(App&, RouteContext&);
http::Response get_checkpoint(App&, RouteContext&);  // the newest signed checkpoint (C2SP signed note)
http::Response get_log_key(App&, RouteContext&);     // the verifier key to pin

// log_routes.cpp
http::Response get_log_entry(App&, RouteContext&);          // /api/v1/log/entries/{index}
http::Response get_record_proof(App&, RouteContext&);       // /api/v1/records/{id}/proof[?old_size=m]
http::Response get_consistency_proof(App&, RouteContext&);  // /api/v1/log/proof/consistency?old=&new=

// party_routes.cpp
http::Response post_party(App&, RouteContext&);
http::Response get_party(App&, RouteContext&);

// party_key_routes.cpp — a party's producer signing key
http::Response put_party_key(App&, RouteContext&);
http::Response get_party_key(App&, RouteContext&);

// site_routes.cpp
http::Response post_site(App&, RouteContext&);
http::Response get_site(App&, RouteContext&);

// product_routes.cpp
http::Response post_product(App&, RouteContext&);
http::Response get_product(App&, RouteContext&);

// batch_routes.cpp
http::Response post_batch(App&, RouteContext&);
http::Response get_batch(App&, RouteContext&);
http::Response list_batches(App&, RouteContext&);

// trace_routes.cpp
http::Response get_trace(App&, RouteContext&);

// evidence_routes.cpp
http::Response get_evidence(App&, RouteContext&);  // /api/v1/batches/{id}/evidence[?old_size=m]

// epcis_routes.cpp
http::Response get_epcis(App&, RouteContext&);  // /api/v1/batches/{id}/epcis (EPCIS 2.0 JSON-LD)

// event_routes.cpp
http::Response post_event(App&, RouteContext&);
http::Response get_event(App&, RouteContext&);

// control_routes.cpp — holds, releases and recalls (inspectors), recall confirmations (holders)
http::Response post_hold(App&, RouteContext&);            // /api/v1/batches/{id}/hold
http::Response post_release(App&, RouteContext&);         // /api/v1/batches/{id}/release
http::Response post_recall(App&, RouteContext&);          // /api/v1/batches/{id}/recall
http::Response post_recall_confirm(App&, RouteContext&);  // /api/v1/recalls/{id}/confirm

// label_routes.cpp
http::Response get_label_svg(App&, RouteContext&);
http::Response get_label_png(App&, RouteContext&);

// session_routes.cpp — web login (sessions, CSRF, lock-out) and who-am-I
http::Response get_login(App&, RouteContext&);
http::Response post_login(App&, RouteContext&);
http::Response post_logout(App&, RouteContext&);
http::Response get_me(App&, RouteContext&);  // /api/v1/me

// admin_routes.cpp — the platform operator's pages (parties, accounts, audit trail)
http::Response get_admin(App&, RouteContext&);          // /admin
http::Response post_admin_party(App&, RouteContext&);   // /admin/parties
http::Response post_admin_user(App&, RouteContext&);    // /admin/users
http::Response post_admin_unlock(App&, RouteContext&);  // /admin/users/{id}/unlock
http::Response get_admin_audit(App&, RouteContext&);    // /admin/audit

// console_routes.cpp — the bureau's console (inspectors and the admin; HTML)
http::Response get_console(App&, RouteContext&);           // /console: search
http::Response get_console_batch(App&, RouteContext&);     // /console/batches/{id}: the batch view
http::Response post_console_control(App&, RouteContext&);  // /console/batches/{id}/control: hold/release/recall form
http::Response post_console_inspect(App&, RouteContext&);  // /console/batches/{id}/inspect: an inspector's test
// A refused console page request: 303 to /login without a session (401), else the console's page
// with the reason (403, 404 …). Shared by the console, dashboard and recall pages.
http::Response console_refusal(App& app, const domain::Error& error);

// dashboard_routes.cpp — the bureau's dashboard (inspectors and the admin)
http::Response get_dashboard(App&, RouteContext&);      // /console/dashboard: charts and tables
http::Response get_dashboard_csv(App&, RouteContext&);  // /console/dashboard/{table}.csv

// recall_routes.cpp — recalls, their deadlines and progress
http::Response get_console_recalls(App&, RouteContext&);  // /console/recalls: open recalls
http::Response get_console_recall(App&, RouteContext&);   // /console/recalls/{id}
http::Response get_recall(App&, RouteContext&);           // /api/v1/recalls/{id} (JSON)

// producer_routes.cpp — a producer's own page (producers only; HTML)
http::Response get_producer(App&, RouteContext&);           // /producer: recalls to act on, batches
http::Response post_producer_confirm(App&, RouteContext&);  // /producer/recalls/{id}/confirm

// consumer_routes.cpp — GS1 Digital Link resolver paths
// /01/{gtin} (product), /01/{gtin}/10/{lot} (batch), /01/{gtin}/10/{lot}/21/{serial} (parcel)
http::Response get_consumer_page(App&, RouteContext&);
http::Response get_home(App&, RouteContext&);              // /

}  // namespace web
