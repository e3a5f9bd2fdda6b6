#include "platform/touch_gestures.hpp"

#include <catch2/catch.hpp>

#include <cfloat>

using liaoxiu::platform::TouchGestures;

namespace {

struct Frame {
    ImVec2 pos;
    bool down;
    float wheel;
    bool wants_more;
};

// One frame as the runner does it: the backend resets the wheel, then gestures apply.
Frame frame(TouchGestures& touch, double time, float step = 100.0f) {
    ImGuiIO io;
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    io.MouseWheel = 0;
    const bool more = touch.apply(io, time, step);
    return {io.MousePos, io.MouseDown[0], io.MouseWheel, more};
}

}  // namespace

TEST_CASE("a tap presses and releases on successive frames after the finger lifts, then leaves") {
    TouchGestures touch;
    touch.finger_down({100, 200}, 0.00);
    Frame f = frame(touch, 0.01);
    CHECK_FALSE(f.down);  // nothing is pressed while the finger may still start a drag
    CHECK(f.pos.x == 100);
    touch.finger_move({104, 203}, 0.05);  // within the tap slop
    touch.finger_up({104, 203}, 0.08);
    f = frame(touch, 0.09);
    CHECK(f.down);
    CHECK(f.pos.x == 104);  // pressed where the finger lifted
    CHECK(f.wants_more);
    f = frame(touch, 0.10);
    CHECK_FALSE(f.down);
    CHECK(f.pos.x == 104);  // and released there: a click on the same item
    f = frame(touch, 0.11);
    CHECK(f.pos.x == -FLT_MAX);  // no sticky hover after a tap
    CHECK_FALSE(touch.in_charge());
}

TEST_CASE("a drag scrolls with the finger and never presses") {
    TouchGestures touch;
    touch.finger_down({100, 500}, 0.0);
    frame(touch, 0.01);
    touch.finger_move({100, 480}, 0.02);  // beyond the slop: now a drag
    touch.finger_move({100, 400}, 0.04);
    Frame f = frame(touch, 0.05);
    CHECK_FALSE(f.down);
    CHECK(f.wheel == Approx(-1.0f));  // 100 px up = one notch of 100 px: content scrolls down
    touch.finger_move({100, 450}, 0.06);
    f = frame(touch, 0.07);
    CHECK(f.wheel == Approx(0.5f));
}

TEST_CASE("a fling keeps gliding after the finger lifts, slows down and stops") {
    TouchGestures touch;
    touch.finger_down({100, 800}, 0.0);
    double t = 0.0;
    for (int i = 1; i <= 5; ++i) {
        t = i * 0.016;
        touch.finger_move({100, 800.0f - 40.0f * i}, t);  // 2,500 px/s upwards
        frame(touch, t);
    }
    touch.finger_up({100, 560}, t + 0.005);
    float total = 0, previous = -1e9f;
    int frames = 0;
    Frame f{};
    do {
        t += 0.016;
        f = frame(touch, t);
        total += f.wheel;
        if (frames > 1) CHECK(f.wheel >= previous - 1e-6f);  // each step scrolls less than the last (values are negative)
        previous = f.wheel;
        ++frames;
    } while (touch.in_charge() && frames < 1000);
    CHECK(frames < 1000);          // it stops by itself
    CHECK(frames > 5);             // but not at once
    CHECK(total < -2.0f);          // it carried the content on, in the direction of the fling
    CHECK(f.pos.x == -FLT_MAX);    // and the pointer left afterwards
}

TEST_CASE("a finger that stops before lifting does not glide") {
    TouchGestures touch;
    touch.finger_down({100, 800}, 0.0);
    touch.finger_move({100, 700}, 0.05);
    frame(touch, 0.06);
    touch.finger_up({100, 700}, 0.5);  // held still for almost half a second
    Frame f = frame(touch, 0.51);
    CHECK(f.wheel == 0.0f);
    CHECK_FALSE(touch.in_charge());
}

TEST_CASE("a gesture handed to the browser (a second finger: pinch zoom) ends without a press, a scroll or a glide") {
    SECTION("a finger still within the tap slop") {
        TouchGestures touch;
        touch.finger_down({100, 200}, 0.00);
        frame(touch, 0.01);
        touch.cancel();
        touch.finger_move({102, 201}, 0.05);
        touch.finger_up({102, 201}, 0.08);
        for (double t = 0.09; t < 0.2; t += 0.01) {
            const Frame f = frame(touch, t);
            CHECK_FALSE(f.down);
            CHECK(f.wheel == 0);
        }
        CHECK_FALSE(touch.in_charge());
    }
    SECTION("a finger already dragging fast") {
        TouchGestures touch;
        touch.finger_down({100, 400}, 0.00);
        touch.finger_move({100, 300}, 0.02);
        touch.cancel();
        touch.finger_move({100, 100}, 0.04);
        touch.finger_up({100, 100}, 0.05);
        float wheel = 0;
        for (double t = 0.06; t < 1.0; t += 0.016) {
            const Frame f = frame(touch, t);
            CHECK_FALSE(f.down);
            wheel += f.wheel;
        }
        CHECK(wheel == 0);  // not the 100 px moved before, nor a glide
        CHECK_FALSE(touch.in_charge());
    }
}
