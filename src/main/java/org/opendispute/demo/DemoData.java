package org.opendispute.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.opendispute.dispute.Groups;
import org.opendispute.engine.ClusterLock;
import org.opendispute.order.Order;
import org.opendispute.order.OrderLine;
import org.opendispute.order.OrderStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The demo profile's users and orders, so that a newcomer who starts the app sees real work.
 * Exists only in the demo profile; idempotent across restarts.
 */
@Component
@Profile("demo")
class DemoData {

    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

    record DemoUser(String id, String firstName, String lastName, String group) {
    }

    static final List<DemoUser> USERS = List.of(
            new DemoUser("buyer", "Bea", "Buyer", Groups.BUYERS),
            new DemoUser("buyer2", "Ben", "Buyer", Groups.BUYERS),
            new DemoUser("seller", "Sam", "Seller", Groups.SELLERS),
            new DemoUser("mediator", "Mia", "Mediator", Groups.MEDIATORS),
            new DemoUser("integrator", "Ida", "Integrator", Groups.INTEGRATORS));

    private final IdentityService identityService;
    private final OrderStore orders;
    private final Clock clock;
    private final String password;
    private final ClusterLock clusterLock;

    DemoData(IdentityService identityService, OrderStore orders, Clock clock,
             @Value("${disputes.demo.password}") String password, ClusterLock clusterLock) {
        this.identityService = identityService;
        this.orders = orders;
        this.clock = clock;
        this.password = password;
        this.clusterLock = clusterLock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @org.springframework.core.annotation.Order(10) // after the groups exist
    void createDemoData() {
        clusterLock.exclusively(ClusterLock.START_UP, this::createMissing);
    }

    private void createMissing() {
        for (DemoUser demo : USERS) {
            if (identityService.createUserQuery().userId(demo.id()).count() == 0) {
                User user = identityService.newUser(demo.id());
                user.setFirstName(demo.firstName());
                user.setLastName(demo.lastName());
                user.setEmail(demo.id() + "@demo.opendispute.org");
                user.setPassword(password);
                identityService.saveUser(user);
                identityService.createMembership(demo.id(), demo.group());
            }
        }
        if (identityService.createUserQuery().userId("admin").memberOfGroup(Groups.MEDIATORS).count() == 0) {
            identityService.createMembership("admin", Groups.MEDIATORS);
        }
        Instant now = clock.instant();
        for (Order order : sampleOrders(now)) {
            if (orders.find(order.orderId()).isEmpty()) {
                orders.save(order);
            }
        }
        LOG.info("Demo profile: users buyer, buyer2, seller, mediator, integrator and admin, password '{}'. "
                + "Tasklist: http://localhost:8080/camunda/app/tasklist/", password);
    }

    private static List<Order> sampleOrders(Instant now) {
        Currency eur = Currency.getInstance("EUR");
        Instant shipped = now.minus(Duration.ofDays(14));
        return List.of(
                order("ORD-1001", "buyer", eur, List.of(new OrderLine("HP-01", "Wireless headphones", 1, new BigDecimal("89.90"))),
                        shipped, now.minus(Duration.ofDays(2))),
                order("ORD-1002", "buyer", eur, List.of(
                        new OrderLine("MUG-01", "Ceramic mug", 4, new BigDecimal("7.50")),
                        new OrderLine("TEA-02", "Green tea, 100 g", 2, new BigDecimal("6.20"))), shipped, null),
                order("ORD-1003", "buyer", eur, List.of(new OrderLine("LAMP-7", "Desk lamp", 1, new BigDecimal("34.00"))),
                        shipped, null),
                order("ORD-1004", "buyer2", eur, List.of(new OrderLine("JKT-XL", "Rain jacket, XL", 1, new BigDecimal("120.00"))),
                        shipped, now.minus(Duration.ofDays(1))),
                order("ORD-1005", "buyer2", eur, List.of(new OrderLine("CBL-2", "USB-C cable", 3, new BigDecimal("9.99"))),
                        shipped, null));
    }

    static Order order(String id, String buyer, Currency currency, List<OrderLine> lines, Instant shippedAt,
                       Instant confirmedAt) {
        return new Order(id, buyer, "seller", currency, lines, new BigDecimal("4.90"), "CARD", "pay_" + id,
                "EXPRESS", "EXPRESS", "DHL", "TRK" + id.substring(4), shippedAt.minus(Duration.ofDays(1)), shippedAt,
                30, confirmedAt, false);
    }
}
