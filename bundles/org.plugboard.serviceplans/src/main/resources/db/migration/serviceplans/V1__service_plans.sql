-- Service plans: which call services run, in which order, for a scope (an extension or other number, a service
-- class, or '*' for the site) at a detection point ('ALL' = one list for every point; a point's own list wins).
-- A plan row without entries is an empty plan: no service runs there.
CREATE TABLE service_plan (
    plan_scope VARCHAR(40) NOT NULL,
    plan_point VARCHAR(16) NOT NULL,
    PRIMARY KEY (plan_scope, plan_point)
);

CREATE TABLE service_plan_entry (
    plan_scope VARCHAR(40) NOT NULL,
    plan_point VARCHAR(16) NOT NULL,
    seq INT NOT NULL,
    service_name VARCHAR(64) NOT NULL,
    PRIMARY KEY (plan_scope, plan_point, seq),
    FOREIGN KEY (plan_scope, plan_point) REFERENCES service_plan (plan_scope, plan_point) ON DELETE CASCADE
);

-- An extension belongs to at most one service class (a group of extensions that share a plan: sales, reception).
CREATE TABLE service_class_member (
    extension VARCHAR(40) NOT NULL PRIMARY KEY,
    service_class VARCHAR(32) NOT NULL
);
