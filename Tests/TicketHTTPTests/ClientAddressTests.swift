import Testing
import TicketHTTP

@Suite("Client addresses")
struct ClientAddressTests {
    @Test func onlyPlainAddressesParse() {
        for text in ["10.0.0.1:80", "[::1]:80", "example.com", "10.0.0", "10.0.0.256", "", "1.2.3.4 5", String(repeating: "1", count: 100)] {
            #expect(ClientAddress(text) == nil, "\(text)")
        }
        #expect(ClientAddress(" 10.0.0.1 ")?.description == "10.0.0.1")
        #expect(ClientAddress("::1") != nil)
    }

    @Test func mappedIPv4IsIPv4AndIPv6CountsByNetwork() throws {
        #expect(ClientAddress("::ffff:10.0.0.5") == ClientAddress("10.0.0.5"))
        let one = try #require(ClientAddress("2001:db8:1:2:aaaa::1"))
        let two = try #require(ClientAddress("2001:db8:1:2:bbbb::99"))
        let other = try #require(ClientAddress("2001:db8:1:3::1"))
        #expect(one != two)
        #expect(one.throttleKey == two.throttleKey)
        #expect(one.throttleKey == "2001:db8:1:2::/64")
        #expect(other.throttleKey != one.throttleKey)
        #expect(ClientAddress("10.0.0.5")?.throttleKey == "10.0.0.5")
    }
}
