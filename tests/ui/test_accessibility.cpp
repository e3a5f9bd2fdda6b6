// The accessibility tree's content (ui/accessibility.hpp): what a screen reader and the
// keyboard are given for the real screens — roles, names, states, what a dialog hides.
#include <catch2/catch.hpp>

#include "ui/accessibility.hpp"
#include "ui_driver.hpp"

#include <algorithm>
#include <string>
#include <vector>

using namespace liaoxiu;
using liaoxiu::testing::UiDriver;

namespace {

struct Node {
    std::string id, role, state, name, value;
    bool hidden = false;
    int x = 0, y = 0, width = 0, height = 0;
};

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::string part;
    for (char c : text) {
        if (c == separator) {
            parts.push_back(part);
            part.clear();
        } else {
            part += c;
        }
    }
    if (!part.empty()) parts.push_back(part);
    return parts;
}

// Reads describe_items' form back, checking its shape on the way.
std::vector<Node> tree_of(const UiDriver& ui) {
    std::vector<Node> nodes;
    for (const std::string& line : split(ui::describe_items(ui.items.last_frame(), ui.items.last_dialog()), '\x1e')) {
        const std::vector<std::string> f = split(line, '\x1f');
        REQUIRE(f.size() >= 8);  // split() drops an empty last field: the value of all but text fields
        REQUIRE(f.size() <= 9);
        Node node{f[0], f[1].substr(0, 1), f[2], f[7], f.size() == 9 ? f[8] : std::string()};
        node.hidden = f[1].size() == 2 && f[1][1] == 'h';
        node.x = std::stoi(f[3]);
        node.y = std::stoi(f[4]);
        node.width = std::stoi(f[5]);
        node.height = std::stoi(f[6]);
        nodes.push_back(node);
    }
    return nodes;
}

const Node* find(const std::vector<Node>& nodes, const std::string& role, const std::string& name) {
    const auto found = std::find_if(nodes.begin(), nodes.end(), [&](const Node& n) { return n.role == role && n.name == name; });
    return found == nodes.end() ? nullptr : &*found;
}

bool any_named(const std::vector<Node>& nodes, const std::string& name) {
    return std::any_of(nodes.begin(), nodes.end(), [&](const Node& n) { return n.name == name; });
}

}  // namespace

TEST_CASE("the catalogue's tree: a search field of its kind, chips with their state, route cards named by what they show", "[ui][accessibility]") {
    UiDriver ui;
    ui.ui.open_location("#/routes");
    ui.frames(3);
    std::vector<Node> nodes = tree_of(ui);
    REQUIRE(!nodes.empty());

    // The search field is a text field whose kind is search (a phone's Enter says 搜索).
    const auto field = std::find_if(nodes.begin(), nodes.end(), [](const Node& n) { return n.role == "t"; });
    REQUIRE(field != nodes.end());
    CHECK(field->state == std::to_string(static_cast<int>(ui::FieldKind::search)));
    CHECK(!field->name.empty());

    // Chips are toggles: the chosen sort is on, the others off; a tap turns one on.
    CHECK(std::any_of(nodes.begin(), nodes.end(), [](const Node& n) { return n.role == "p" && n.state == "1"; }));
    const auto chip = std::find_if(nodes.begin(), nodes.end(), [](const Node& n) { return n.role == "p" && n.state == "0"; });
    REQUIRE(chip != nodes.end());
    const std::string chip_name = chip->name;
    REQUIRE(ui.click(chip_name));
    ui.frames(2);
    nodes = tree_of(ui);
    const Node* chosen = find(nodes, "p", chip_name);
    REQUIRE(chosen);
    CHECK(chosen->state == "1");

    // Each route card is a button named by its title and what the card says, not twice over.
    const std::vector<std::string> cards = ui.route_cards();
    REQUIRE(!cards.empty());
    const std::string title = cards.front();
    const auto card = std::find_if(nodes.begin(), nodes.end(),
                                   [&](const Node& n) { return n.role == "b" && n.name.rfind(title, 0) == 0; });
    REQUIRE(card != nodes.end());
    CHECK(card->name.size() > title.size());
    CHECK(card->width > 0);
    CHECK(card->height > 0);
    CHECK(card->name.find("补贴后 ¥") != std::string::npos);  // the price on its bottom line is part of it
    CHECK(!any_named(nodes, title));  // the card's title is not a text node of its own as well
}

TEST_CASE("a button scrolled out of view is in the tree, marked so, with its name", "[ui][accessibility]") {
    UiDriver ui;
    ui.ui.open_location("#/route/r-qz-red-eco-3d");  // its stops' 拨打 / 复制地址 / 地图 run far below
    ui.frames(3);
    const std::vector<Node> nodes = tree_of(ui);
    const auto below = std::find_if(nodes.begin(), nodes.end(), [](const Node& n) { return n.role == "b" && n.hidden; });
    REQUIRE(below != nodes.end());
    CHECK(!below->name.empty());
    CHECK((below->y >= 600 || below->y + below->height <= 0));  // below the fold (or above it)
}

TEST_CASE("while the join is being confirmed, the dialog's controls are offered and what lies under it is not", "[ui][accessibility]") {
    UiDriver ui;
    ui.state.session = testing::make_session("w-9001", "张师傅", sync::Role::worker, "u-qz-hospital");
    ui.touch();
    ui.ui.open_location("#/group/g-qz-001");
    ui.frames(2);
    REQUIRE(find(tree_of(ui), "b", "一键报名"));

    CHECK(tree_of(ui).front().role != "d");  // no dialog yet

    REQUIRE(ui.click("一键报名"));
    ui.frames(2);
    const std::vector<Node> nodes = tree_of(ui);
    // The tree is the dialog now: its first node says so, named by the dialog's title.
    REQUIRE(!nodes.empty());
    CHECK(nodes.front().role == "d");
    CHECK(nodes.front().name == "确认报名");
    CHECK(std::count_if(nodes.begin(), nodes.end(), [](const Node& n) { return n.role == "d"; }) == 1);
    CHECK(find(nodes, "b", "确认"));
    CHECK(!find(nodes, "b", "一键报名"));
    CHECK(std::any_of(nodes.begin(), nodes.end(),
                      [](const Node& n) { return n.role == "x" && n.name.rfind("确认报名「", 0) == 0; }));
}

TEST_CASE("the tab bar's tab of the screen on view is marked current, and only it", "[ui][accessibility]") {
    UiDriver ui;
    ui.ui.open_location("#/routes");
    ui.frames(3);
    std::vector<Node> nodes = tree_of(ui);
    const Node* routes = find(nodes, "b", "线路");
    const Node* home = find(nodes, "b", "首页");
    REQUIRE(routes);
    REQUIRE(home);
    CHECK(routes->state == "1");
    CHECK(home->state == "0");

    REQUIRE(ui.click("首页"));
    ui.frames(2);
    nodes = tree_of(ui);
    REQUIRE(find(nodes, "b", "首页"));
    CHECK(find(nodes, "b", "首页")->state == "1");
    CHECK(find(nodes, "b", "线路")->state == "0");
}

TEST_CASE("a text field carries what it holds, a password only as dots", "[ui][accessibility]") {
    UiDriver ui;
    REQUIRE(ui.click("我的"));
    REQUIRE(ui.click("工号或账号"));
    ui.type("w-1204");
    REQUIRE(ui.click("密码"));
    ui.type("s3cret");
    ui.frames(2);
    const std::vector<Node> nodes = tree_of(ui);
    const Node* login = find(nodes, "t", "工号或账号");
    const Node* password = find(nodes, "t", "密码");
    REQUIRE(login);
    REQUIRE(password);
    CHECK(login->value == "w-1204");
    CHECK(password->value == "******");
    for (const Node& node : nodes) CHECK(node.value.find("s3cret") == std::string::npos);
}

TEST_CASE("a name never carries the tree's separators", "[ui][accessibility]") {
    ui::ItemRecord item;
    item.id = 0x2a;
    item.label = std::string("a\x1f") + "b\x1e" + "c";
    item.min = ImVec2(1.4f, 2.6f);
    item.max = ImVec2(11.4f, 22.6f);
    item.visible = true;
    const std::string tree = ui::describe_items({item});
    CHECK(tree == std::string("2a\x1f") + "b\x1f" + "0\x1f" + "1\x1f" + "3\x1f" + "10\x1f" + "20\x1f" + "a b c\x1f\x1e");

    item.text_field = true;
    item.value = "x\x1ey";
    CHECK(ui::describe_items({item}) ==
          std::string("2a\x1f") + "t\x1f" + "0\x1f" + "1\x1f" + "3\x1f" + "10\x1f" + "20\x1f" + "a b c\x1f" + "x y\x1e");
}
